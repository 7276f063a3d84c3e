// The comparable form of Docker object specs, shared by backup's restore plan, the deployer's restore.apply
// idempotency check and the backup round-trip tests. Two specs mean the same thing exactly when their
// normalized forms are deep-equal; keys come out sorted, so `JSON.stringify` of two normalized specs is equal
// too. The engine defaults below were read from Docker 20.10 (API 1.41): a spec created from an inspected spec
// inspects back identically, and a minimal spec comes back with these fields filled in.

/** A normalized spec: plain JSON, keys sorted at every level, ids and engine defaults removed. */
export type NormalizedSpec = Record<string, unknown>;

export interface NormalizeServiceOptions {
  /** Network id → name on the cluster the spec comes from; a `Target` not in the map is kept as it is. */
  networkNames?: Readonly<Record<string, string>>;
}

type Json = Record<string, unknown>;

/** Values the engine writes into a service spec when they were left unset, by path (`[]` = any array item). */
const SERVICE_DEFAULTS: Readonly<Record<string, unknown>> = {
  'TaskTemplate.ContainerSpec.Isolation': 'default',
  'TaskTemplate.Runtime': 'container',
  // 0 attempts is "unlimited", what an unset MaxAttempts means; the engine fills it in for `Condition: any`.
  'TaskTemplate.RestartPolicy.MaxAttempts': 0,
  'UpdateConfig.FailureAction': 'pause',
  'UpdateConfig.Order': 'stop-first',
  'UpdateConfig.MaxFailureRatio': 0,
  'RollbackConfig.FailureAction': 'pause',
  'RollbackConfig.Order': 'stop-first',
  'RollbackConfig.MaxFailureRatio': 0,
  'EndpointSpec.Mode': 'vip',
  'EndpointSpec.Ports[].Protocol': 'tcp',
  'EndpointSpec.Ports[].PublishMode': 'ingress',
};

/** Keys dropped wherever they appear: ids the engine resolves from names, and the force-update counter. */
const SERVICE_IGNORED = new Set(['SecretID', 'ConfigID', 'TaskTemplate.ForceUpdate']);

/** Network create fields; the rest of `docker network inspect` (Id, Created, Containers, ...) is state. */
const NETWORK_FIELDS = [
  'Name',
  'Driver',
  'Scope',
  'Attachable',
  'Internal',
  'Ingress',
  'EnableIPv6',
  'ConfigOnly',
  'ConfigFrom',
  'IPAM',
  'Options',
  'Labels',
];
/** Network options the engine allocates itself (the overlay's VXLAN id), different on every swarm. */
const NETWORK_ALLOCATED_OPTIONS = new Set(['com.docker.network.driver.overlay.vxlanid_list']);

/**
 * The comparable form of a service spec (`docker service inspect` `.Spec`, or a spec to create).
 *
 * - network `Target`s become names through `networkNames`; the deprecated top-level `Networks` are merged into
 *   `TaskTemplate.Networks`, sorted by target, aliases sorted;
 * - `SecretID` / `ConfigID` and `TaskTemplate.ForceUpdate` are dropped; secrets and configs are sorted by name
 *   then file name; placement constraints are sorted;
 * - `null`, `''`, `{}` and `[]` are dropped (except `Mode.Global: {}` and the other mode markers), as are the
 *   engine defaults (`Isolation: default`, `Runtime: container`, `EndpointSpec.Mode: vip`, update/rollback
 *   `FailureAction: pause`, `Order: stop-first`, `MaxFailureRatio: 0`, port `Protocol: tcp` and
 *   `PublishMode: ingress`); `Mode.Replicated` without `Replicas` means 1 replica;
 * - zeros and `false` are kept: `Replicas: 0` or `StopGracePeriod: 0` differ from unset.
 *
 * @example
 * normalizeServiceSpec(inspected.Spec, { networkNames: { 'k2x…': 'shop_default' } })
 */
export function normalizeServiceSpec(spec: unknown, options: NormalizeServiceOptions = {}): NormalizedSpec {
  const input = asObject(spec);
  const networkNames = options.networkNames ?? {};
  const taskTemplate = asObject(input['TaskTemplate']);
  const networks = [...asArray(taskTemplate['Networks']), ...asArray(input['Networks'])].map((n) => {
    const attachment = asObject(n);
    const target = attachment['Target'];
    const name = typeof target === 'string' ? (networkNames[target] ?? target) : target;
    const aliases = asArray(attachment['Aliases']).slice().sort(compareJson);
    return { ...attachment, Target: name, Aliases: aliases };
  });
  const merged: Json = { ...input, TaskTemplate: { ...taskTemplate, Networks: networks } };
  delete merged['Networks'];
  const out = asObject(clean(merged, '', serviceRule));
  out['Mode'] = normalizeMode(input['Mode']);
  return sortKeys(out) as NormalizedSpec;
}

/**
 * The comparable form of a network (`docker network inspect`, or a create body): create fields only, `false`
 * and empty values dropped, IPAM driver `default` and the engine-allocated overlay VXLAN id dropped, IPAM
 * configs sorted by subnet.
 */
export function normalizeNetworkSpec(spec: unknown): NormalizedSpec {
  const input = asObject(spec);
  const picked: Json = {};
  for (const key of NETWORK_FIELDS) picked[key] = input[key];
  const out = clean(picked, '', (path, value) => {
    if (value === false) return DROP;
    if (path === 'IPAM.Driver' && value === 'default') return DROP;
    if (path.startsWith('Options.') && NETWORK_ALLOCATED_OPTIONS.has(path.slice('Options.'.length))) {
      return DROP;
    }
    if (path === 'IPAM.Config' && Array.isArray(value)) return asArray(value).slice().sort(compareJson);
    return value;
  });
  return sortKeys(asObject(out)) as NormalizedSpec;
}

/** The comparable form of a config spec: Name, Labels, Data (base64) and Templating, empties dropped. */
export function normalizeConfigSpec(spec: unknown): NormalizedSpec {
  return pickClean(spec, ['Name', 'Labels', 'Data', 'Templating']);
}

/** The comparable form of a secret spec: Name, Labels, Driver and Templating. Data is never part of it. */
export function normalizeSecretSpec(spec: unknown): NormalizedSpec {
  return pickClean(spec, ['Name', 'Labels', 'Driver', 'Templating']);
}

function pickClean(spec: unknown, fields: readonly string[]): NormalizedSpec {
  const input = asObject(spec);
  const picked: Json = {};
  for (const key of fields) picked[key] = input[key];
  return sortKeys(asObject(clean(picked, '', (_path, value) => value))) as NormalizedSpec;
}

const DROP = Symbol('drop');
/** Rewrites (or drops) the value at `path`; `key` is its own key (`''` for array items). */
type Rule = (path: string, value: unknown, key: string) => unknown;

function serviceRule(path: string, value: unknown, key: string): unknown {
  if (SERVICE_IGNORED.has(path) || (SERVICE_IGNORED.has(key) && !path.includes('Labels.'))) return DROP;
  if (path in SERVICE_DEFAULTS && SERVICE_DEFAULTS[path] === value) return DROP;
  if (path === 'TaskTemplate.Networks' && Array.isArray(value)) return sortBy(value, ['Target']);
  if (path === 'TaskTemplate.ContainerSpec.Secrets' && Array.isArray(value)) {
    return sortBy(value, ['SecretName', 'File.Name']);
  }
  if (path === 'TaskTemplate.ContainerSpec.Configs' && Array.isArray(value)) {
    return sortBy(value, ['ConfigName', 'File.Name']);
  }
  if (path === 'TaskTemplate.Placement.Constraints' && Array.isArray(value)) {
    return value.slice().sort(compareJson);
  }
  return value;
}

/** Maps whose values may be `''` on purpose (`--label tier=`). */
const STRING_MAPS = new Set(['Labels', 'Options', 'DriverOpts', 'Sysctls']);

/** Recursively applies `rule`, then drops null, '' (except as a map value), {} and [] (after cleaning their contents). */
function clean(value: unknown, path: string, rule: Rule, key = '', parentKey = ''): unknown {
  const ruled = path === '' ? value : rule(path, value, key);
  if (ruled === DROP || ruled === undefined || ruled === null) return undefined;
  if (ruled === '' && !STRING_MAPS.has(parentKey)) return undefined;
  if (Array.isArray(ruled)) {
    const items = ruled.map((item) => clean(item, `${path}[]`, rule)).filter((item) => item !== undefined);
    return items.length === 0 ? undefined : items;
  }
  if (isObject(ruled)) {
    const out: Json = {};
    for (const [childKey, child] of Object.entries(ruled)) {
      const cleaned = clean(child, path === '' ? childKey : `${path}.${childKey}`, rule, childKey, key);
      if (cleaned !== undefined) out[childKey] = cleaned;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return ruled;
}

/**
 * `{Replicated: {Replicas: n}}` (1 when unset, as the engine creates it; also when there is no mode at all), or
 * the other mode with its settings, kept even when empty (`Global: {}`).
 */
function normalizeMode(mode: unknown): Json {
  const out: Json = {};
  for (const [kind, settings] of Object.entries(asObject(mode))) {
    if (settings === undefined || settings === null) continue;
    const cleaned = asObject(clean(settings, '', (_path, value) => value));
    if (kind === 'Replicated') cleaned['Replicas'] ??= 1;
    out[kind] = cleaned;
  }
  return Object.keys(out).length === 0 ? { Replicated: { Replicas: 1 } } : out;
}

function sortBy(items: readonly unknown[], keys: readonly string[]): unknown[] {
  const keyOf = (item: unknown): string =>
    keys
      .map((k) => {
        const v = pathGet(item, k);
        return typeof v === 'string' ? v : JSON.stringify(v ?? '');
      })
      .join('\u0000');
  return items.slice().sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : compareJson(a, b);
  });
}

function pathGet(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (isObject(v) ? v[key] : undefined), value);
}

function compareJson(a: unknown, b: unknown): number {
  const sa = JSON.stringify(sortKeys(a));
  const sb = JSON.stringify(sortKeys(b));
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): Json {
  return isObject(value) ? { ...value } : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
