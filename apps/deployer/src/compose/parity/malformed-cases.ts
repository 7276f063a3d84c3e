import { stringify } from 'yaml';
import { deleteAt, formatPath, getAt, isRecord, listPaths, setAt, type DocPath } from './doc-paths.js';
import { MALFORMED_BASES } from './malformed-bases.js';
import { createRandom, type Random } from './prng.js';
import { schemaAt, type JsonType } from './schema-types.js';
import { structuralCase, syntaxCase } from './malformed-text.js';

/** One generated compose file that must be refused. */
export interface MalformedCase {
  id: number;
  kind: string;
  /** What was broken, for the failure report. */
  description: string;
  compose: string;
  env: Record<string, string>;
  code: 'INVALID_REQUEST' | 'FORBIDDEN';
  /** Substrings the error message must contain (the path or key that is wrong); may be empty. */
  mentions: string[];
}

/** A case before it gets its id. */
export type CaseDraft = Omit<MalformedCase, 'id'>;

type Doc = Record<string, unknown>;
type Generator = (random: Random, schema: Doc) => CaseDraft | undefined;

const WRONG_VALUES: Record<JsonType, unknown> = {
  string: 'wrong-type',
  integer: 7,
  number: 2.5,
  boolean: true,
  array: ['wrong'],
  object: { wrong: 1 },
  null: null,
};

const UNKNOWN_KEYS = [
  'colour',
  'replicaz',
  'imagee',
  'helthcheck',
  'unknown_key',
  'Image',
  'DEPLOY',
  'enviroment',
];
const BAD_DURATIONS = ['5 seconds', '1x', 'ms', '1h2', 'ten', '1.5.5s', '5S', '10', '1d', '--1s'];
const BAD_SIZES = ['lots', '12XB', '1.2.3m', 'm', '-5m', '5 MBs', '0x10', '1kbb'];
const BAD_SHORT_PORTS = [
  'abc',
  '80:80:80:80',
  '70000:80',
  '80-70:80',
  '80:80/sctpx',
  '80:',
  '::',
  '8080:-1',
  '1-2-3:80',
];
const BAD_LONG_PORTS = [
  { target: 70000 },
  { target: 80, published: 'abc' },
  { target: 80, published: 99999 },
  { target: 80, protocol: 'icmp' },
  { target: 80, mode: 'bridge' },
  { published: 8080 },
];
const BAD_TEMPLATES = [
  '${',
  '${UNCLOSED',
  '${PARITY_REQUIRED:?must be set}',
  '${PARITY_REQUIRED?}',
  '${1ABC}',
  '${A B}',
  '${:-x}',
  'price: $',
];

function base(random: Random): Doc {
  return structuredClone(random.pick(MALFORMED_BASES));
}

function serviceNames(doc: Doc): string[] {
  return Object.keys(doc.services as Doc);
}

function render(doc: Doc): string {
  return stringify(doc, { lineWidth: 0 });
}

function invalid(
  kind: string,
  description: string,
  doc: Doc,
  mentions: string[],
  env: Record<string, string> = {},
): CaseDraft {
  return { kind, description, compose: render(doc), env, code: 'INVALID_REQUEST', mentions };
}

const wrongType: Generator = (random, schema) => {
  const doc = base(random);
  const candidates = listPaths(doc).flatMap((path) => {
    const allowed = schemaAt(schema, path).types;
    if (allowed === null) return [];
    const wrong = (Object.keys(WRONG_VALUES) as JsonType[]).filter((t) => !allowed.has(t));
    return wrong.length === 0 ? [] : [{ path, wrong }];
  });
  const { path, wrong } = random.pick(candidates);
  const type = random.pick(wrong);
  setAt(doc, path, structuredClone(WRONG_VALUES[type]));
  return invalid('wrong-type', `${formatPath(path)} set to a ${type}`, doc, [formatPath(path)]);
};

const unknownKey: Generator = (random, schema) => {
  const doc = base(random);
  const closed = [[], ...listPaths(doc)].filter(
    (path) => isRecord(getAt(doc, path)) && schemaAt(schema, path).closedMapping,
  );
  const path = random.pick(closed);
  const key = random.pick(UNKNOWN_KEYS);
  setAt(doc, [...path, key], 'surprise');
  return invalid('unknown-key', `unknown key ${formatPath([...path, key])}`, doc, [
    formatPath([...path, key]),
  ]);
};

function durationPaths(doc: Doc): DocPath[] {
  const service = random0(serviceNames(doc));
  return [
    ['services', service, 'stop_grace_period'],
    ['services', service, 'healthcheck', 'interval'],
    ['services', service, 'healthcheck', 'start_period'],
    ['services', service, 'deploy', 'restart_policy', 'delay'],
    ['services', service, 'deploy', 'update_config', 'monitor'],
    ['services', service, 'deploy', 'rollback_config', 'delay'],
  ];
}

// The first service: a stable choice, the randomness is in the path and the value.
function random0(names: string[]): string {
  return names[0] ?? 'app';
}

const badDuration: Generator = (random, schema) => {
  const doc = base(random);
  const existing = listPaths(doc).filter(
    (p) => typeof getAt(doc, p) === 'string' && schemaAt(schema, p).duration,
  );
  const path = random.pick([...existing, ...durationPaths(doc)]);
  setAt(doc, path, random.pick(BAD_DURATIONS));
  return invalid('bad-duration', `${formatPath(path)} is not a duration`, doc, [formatPath(path)]);
};

const badSize: Generator = (random) => {
  const doc = base(random);
  const service = random.pick(serviceNames(doc));
  const path = [
    'services',
    service,
    'deploy',
    'resources',
    random.pick(['limits', 'reservations']),
    'memory',
  ];
  setAt(doc, path, random.pick(BAD_SIZES));
  return invalid('bad-size', `${formatPath(path)} is not a size`, doc, [formatPath(path)]);
};

const badPort: Generator = (random) => {
  const doc = base(random);
  const service = random.pick(serviceNames(doc));
  const ports = (getAt(doc, ['services', service, 'ports']) as unknown[] | undefined) ?? [];
  const index = random.int(ports.length + 1);
  const bad =
    random.next() < 0.6 ? random.pick(BAD_SHORT_PORTS) : structuredClone(random.pick(BAD_LONG_PORTS));
  ports[index] = bad;
  setAt(doc, ['services', service, 'ports'], ports);
  const path = formatPath(['services', service, 'ports', index]);
  return invalid('bad-port', `${path} = ${JSON.stringify(bad)}`, doc, [path]);
};

const missingImage: Generator = (random) => {
  const doc = base(random);
  const service = random.pick(serviceNames(doc));
  deleteAt(doc, ['services', service, 'image']);
  return invalid('missing-image', `services.${service} has no image`, doc, [`services.${service}`, 'image']);
};

const badInterpolation: Generator = (random) => {
  const doc = base(random);
  const strings = listPaths(doc).filter((p) => typeof getAt(doc, p) === 'string');
  const path = random.pick(strings);
  const template = random.pick(BAD_TEMPLATES);
  setAt(doc, path, template);
  return invalid('bad-interpolation', `${formatPath(path)} = ${template}`, doc, [formatPath(path)]);
};

const POLICY_BREAKS: Array<{ key: string; apply: (service: Doc) => void }> = [
  { key: 'volumes', apply: (s) => void (s.volumes = ['/var/run/docker.sock:/var/run/docker.sock']) },
  {
    key: 'volumes',
    apply: (s) => void (s.volumes = [{ type: 'bind', source: '/var/run/docker.sock', target: '/d.sock' }]),
  },
  { key: 'volumes', apply: (s) => void (s.volumes = ['/etc:/host-etc:ro']) },
  {
    key: 'volumes',
    apply: (s) => void (s.volumes = [{ type: 'bind', source: '/srv/database', target: '/data' }]),
  },
  { key: 'cap_add', apply: (s) => void (s.cap_add = ['SYS_ADMIN']) },
  { key: 'cap_add', apply: (s) => void (s.cap_add = ['ALL']) },
  { key: 'cap_add', apply: (s) => void (s.cap_add = ['CAP_SYS_ADMIN', 'NET_ADMIN']) },
  { key: 'network_mode', apply: (s) => void (s.network_mode = 'host') },
  { key: 'pid', apply: (s) => void (s.pid = 'host') },
];

const policyViolation: Generator = (random) => {
  const doc = base(random);
  const service = random.pick(serviceNames(doc));
  const breach = random.pick(POLICY_BREAKS);
  breach.apply((doc.services as Record<string, Doc>)[service] as Doc);
  return {
    kind: 'policy',
    description: `services.${service}.${breach.key} breaks the policy`,
    compose: render(doc),
    env: {},
    code: 'FORBIDDEN',
    mentions: [service, breach.key],
  };
};

const undefinedReference: Generator = (random) => {
  const doc = base(random);
  const service = random.pick(serviceNames(doc));
  const s = (doc.services as Record<string, Doc>)[service] as Doc;
  const which = random.pick(['networks', 'configs', 'secrets', 'volumes'] as const);
  const name = `nope_${which}`;
  s[which] = which === 'volumes' ? [`${name}:/mnt`] : [name];
  return invalid('undefined-reference', `services.${service}.${which} names ${name}`, doc, [name]);
};

const SEMANTIC: Array<{ path: string[]; value: unknown; mention: string }> = [
  { path: ['deploy'], value: { mode: 'global', replicas: 2 }, mention: 'replicas' },
  { path: ['deploy'], value: { mode: 'sometimes' }, mention: 'deploy.mode' },
  { path: ['deploy'], value: { replicas: -1 }, mention: 'deploy.replicas' },
  { path: ['deploy'], value: { endpoint_mode: 'round-robin' }, mention: 'deploy.endpoint_mode' },
  {
    path: ['deploy'],
    value: { restart_policy: { condition: 'sometimes' } },
    mention: 'restart_policy.condition',
  },
  { path: ['deploy'], value: { update_config: { order: 'random' } }, mention: 'update_config.order' },
  {
    path: ['deploy'],
    value: { rollback_config: { failure_action: 'explode' } },
    mention: 'rollback_config.failure_action',
  },
  { path: ['deploy'], value: { resources: { limits: { cpus: 'lots' } } }, mention: 'limits.cpus' },
  { path: ['healthcheck'], value: { disable: true, test: ['CMD', 'true'] }, mention: 'healthcheck' },
  { path: ['volumes'], value: [{ type: 'tmpfs', source: 'x', target: '/t' }], mention: 'volumes[0]' },
  { path: ['volumes'], value: [{ type: 'weird', target: '/t' }], mention: 'volumes[0]' },
  { path: ['volumes'], value: ['relative/path:/data'], mention: 'volumes[0]' },
];

const semantic: Generator = (random) => {
  const doc = base(random);
  const service = random.pick(serviceNames(doc));
  const rule = random.pick(SEMANTIC);
  setAt(doc, ['services', service, ...rule.path], structuredClone(rule.value));
  return invalid('semantic', `services.${service}: ${JSON.stringify(rule.value)}`, doc, [
    `services.${service}`,
    rule.mention,
  ]);
};

const GENERATORS: Array<[number, Generator]> = [
  [80, (random) => syntaxCase(random, render(base(random)))],
  [240, wrongType],
  [110, unknownKey],
  [70, badDuration],
  [50, badSize],
  [70, badPort],
  [30, missingImage],
  [80, badInterpolation],
  [60, (random) => structuralCase(random)],
  [80, policyViolation],
  [50, undefinedReference],
  [80, semantic],
];

/**
 * `count` malformed compose files, the same ones for the same seed. `schema` is the JSON Schema the
 * converter validates against; wrong types and unknown keys are chosen from it.
 */
export function generateMalformedCases(schema: Doc, count = 1000, seed = 0x5eed5): MalformedCase[] {
  const random = createRandom(seed);
  const total = GENERATORS.reduce((sum, [weight]) => sum + weight, 0);
  const cases: MalformedCase[] = [];
  while (cases.length < count) {
    let roll = random.int(total);
    const entry = GENERATORS.find(([weight]) => (roll -= weight) < 0) ?? GENERATORS[0];
    const draft = entry?.[1](random, schema);
    if (draft !== undefined) cases.push({ id: cases.length, ...draft });
  }
  return cases;
}
