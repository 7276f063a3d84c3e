import { isCollection, parseDocument, visit, type Document, type ScalarTag } from 'yaml';

import { invalidCompose } from './issues.js';

/** Larger compose files are refused before parsing: nothing legitimate comes close. */
export const MAX_COMPOSE_BYTES = 1024 * 1024;
/** Alias expansions allowed per document; a "billion laughs" file needs far more. */
export const MAX_ALIAS_COUNT = 100;

// Docker's YAML library (go-yaml v3) reads a leading-zero integer such as `0440` as octal, and compose
// files rely on it for secret and config modes. YAML 1.2 core reads it as decimal, so this tag comes first.
const goOctal: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^[-+]?0[0-7]+$/,
  resolve: (source) => parseInt(source, 8),
};

/** Parses compose YAML into plain data; the top level must be a mapping. Errors carry line and column. */
export function parseComposeYaml(text: string): Record<string, unknown> {
  if (Buffer.byteLength(text, 'utf8') > MAX_COMPOSE_BYTES) {
    throw invalidCompose([{ path: '(file)', message: `larger than ${MAX_COMPOSE_BYTES} bytes` }]);
  }
  const doc = parseDocument(text, {
    merge: true,
    uniqueKeys: true,
    prettyErrors: true,
    customTags: (tags) => [goOctal, ...tags],
  });
  const [error] = doc.errors;
  if (error !== undefined) {
    const at = error.linePos?.[0];
    const where = at === undefined ? '(yaml)' : `line ${at.line}, column ${at.col}`;
    throw invalidCompose([{ path: where, message: `YAML syntax error: ${firstLine(error.message)}` }]);
  }
  const complexKey = findComplexKey(doc, text);
  if (complexKey !== undefined) {
    throw invalidCompose([
      { path: complexKey, message: 'mapping keys must be scalars, not lists or mappings' },
    ]);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    const message = cause instanceof Error ? firstLine(cause.message) : 'cannot be read';
    throw invalidCompose([{ path: '(yaml)', message }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidCompose([{ path: '(top level)', message: 'top-level object must be a mapping' }]);
  }
  return value as Record<string, unknown>;
}

/** Where the first list or mapping used as a mapping key is (`line L, column C`), if any. */
function findComplexKey(doc: Document, text: string): string | undefined {
  let found: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isCollection(pair.key)) {
        found = pair.key.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (found === undefined) return undefined;
  const before = text.slice(0, found).split('\n');
  return `line ${before.length}, column ${(before[before.length - 1]?.length ?? 0) + 1}`;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
