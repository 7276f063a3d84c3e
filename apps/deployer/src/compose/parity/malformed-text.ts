import type { CaseDraft } from './malformed-cases.js';
import type { Random } from './prng.js';

// Broken files that are not a mutation of valid data: YAML syntax errors, wrong roots, huge or binary
// input. Snippets go before a top-level key (column 0), never inside a block scalar, so each one breaks
// the document wherever it lands.

const SYNTAX_BREAKS: Array<{ snippet: string; mention: string }> = [
  { snippet: 'bad: [unclosed', mention: 'YAML' },
  { snippet: 'bad: {unclosed: 1', mention: 'YAML' },
  { snippet: '\tbad: tab-indented', mention: 'YAML' },
  { snippet: 'services: {}', mention: 'YAML' },
  { snippet: 'bad: "unterminated', mention: 'YAML' },
  { snippet: 'bad: value: other', mention: 'YAML' },
  { snippet: 'bad:\n  - item\n  key: value', mention: 'YAML' },
  { snippet: 'bad: *undefined_anchor', mention: 'undefined_anchor' },
  { snippet: '  misindented: 1\n bad: 2', mention: 'YAML' },
  { snippet: '? [complex, key]\n: value', mention: '' },
  { snippet: 'bad: !!int not-a-number', mention: '' },
  { snippet: 'bad: [a, b]]', mention: 'YAML' },
];

/** The text with one syntax break inserted before a random top-level line (or at the end). */
export function syntaxCase(random: Random, text: string): CaseDraft {
  const lines = text.split('\n');
  const anchors = lines.flatMap((line, index) => (/^[a-z]/.test(line) ? [index] : [])).concat(lines.length);
  const at = random.pick(anchors);
  const broken = random.pick(SYNTAX_BREAKS);
  lines.splice(at, 0, broken.snippet);
  return {
    kind: 'yaml-syntax',
    description: `${JSON.stringify(broken.snippet)} at line ${at + 1}`,
    compose: lines.join('\n'),
    env: {},
    code: 'INVALID_REQUEST',
    mentions: broken.mention === '' ? [] : [broken.mention],
  };
}

const ROOTS = [
  '',
  '   \n',
  '# only a comment\n',
  'null',
  '~',
  '42',
  'true',
  '"just text"',
  '- a\n- b\n',
  '[]',
  '--- |\n  text\n',
];

function binary(random: Random, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String.fromCharCode(random.int(256));
  return out;
}

function billionLaughs(): string {
  const lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${prev}`).join(', ')}]`);
  }
  return `x-bomb:\n${lines.map((l) => `  ${l}`).join('\n')}\nservices:\n  app:\n    image: swarmops/busybox:test\n`;
}

const STRUCTURAL: Array<(random: Random) => Omit<CaseDraft, 'kind' | 'env' | 'code'>> = [
  (random) => {
    const root = random.pick(ROOTS);
    return { description: `root is ${JSON.stringify(root)}`, compose: root, mentions: ['top level'] };
  },
  (random) => ({
    description: 'random bytes',
    compose: binary(random, 64 + random.int(2048)),
    mentions: [],
  }),
  () => ({
    description: 'a file over 1 MiB',
    compose: `services:\n  app:\n    image: swarmops/busybox:test\n    command: "${'a'.repeat(1_100_000)}"\n`,
    mentions: ['larger than'],
  }),
  (random) => ({
    description: 'NUL and control characters in the image',
    compose: `services:\n  app:\n    image: "swarmops/busybox\\0${random.pick(['\\x07', '\\x1b', '\\0'])}:test"\n`,
    mentions: ['services.app.image'],
  }),
  () => ({
    description: 'a 200,000-character image reference',
    compose: `services:\n  app:\n    image: ${'a'.repeat(200_000)}\n`,
    mentions: ['services.app.image'],
  }),
  (random) => {
    const name = 's'.repeat(64 + random.int(200));
    return {
      description: 'a service name longer than Docker allows',
      compose: `services:\n  ${name}:\n    image: swarmops/busybox:test\n`,
      mentions: [`services.${name}`],
    };
  },
  (random) => {
    const depth = 2000 + random.int(8000);
    return {
      description: `lists nested ${depth} deep`,
      compose: `services:\n  app:\n    image: swarmops/busybox:test\n    command: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
      mentions: [],
    };
  },
  () => ({ description: 'an alias bomb', compose: billionLaughs(), mentions: [] }),
  (random) => ({
    description: 'binary in a quoted environment key',
    compose: `services:\n  app:\n    image: swarmops/busybox:test\n    environment:\n      "${'\\x00'.repeat(1 + random.int(3))}": x\n`,
    mentions: ['services.app.environment'],
  }),
];

/** A non-mapping root, random bytes, an oversized or binary value, deep nesting or an alias bomb. */
export function structuralCase(random: Random): CaseDraft {
  return { kind: 'structural', env: {}, code: 'INVALID_REQUEST', ...random.pick(STRUCTURAL)(random) };
}
