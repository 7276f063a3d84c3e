import type { PlanFieldChange } from '@swarmops/contracts';
import { STACK_VERSION_LABEL } from './live.js';

// A field-level diff of two Engine API specs. Docker fills defaults into what it returns, so a value
// that is "empty" (absent, null, '', 0, false, {}, []) or a known engine default on one side equals
// absence on the other; object ids that the engine resolves (ConfigID, SecretID) are ignored because
// configs and secrets are compared by name.

const IGNORED_KEYS = new Set(['ConfigID', 'SecretID', 'ForceUpdate']);
const IGNORED_LABELS = new Set([STACK_VERSION_LABEL]);

/** Values Docker writes when the spec left a field unset. */
// Matched by path suffix, so a task template diffed on its own matches too.
const ENGINE_DEFAULTS: [string, unknown][] = [
  ['ContainerSpec.Isolation', 'default'],
  ['Runtime', 'container'],
  ['EndpointSpec.Mode', 'vip'],
];

/** Every changed leaf (or array) between `before` and `after`, by dotted path, in key order. */
export function diffSpecs(before: unknown, after: unknown, path = ''): PlanFieldChange[] {
  const a = normalize(before, path);
  const b = normalize(after, path);
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((key) => {
      if (IGNORED_KEYS.has(key)) return [];
      if (path.endsWith('Labels') && IGNORED_LABELS.has(key)) return [];
      return diffSpecs(a[key], b[key], path === '' ? key : `${path}.${key}`);
    });
  }
  if (deepEqual(a, b)) return [];
  const change: PlanFieldChange = { path };
  if (a !== undefined) change.old = a;
  if (b !== undefined) change.new = b;
  return [change];
}

function normalize(value: unknown, path: string): unknown {
  const fallback = ENGINE_DEFAULTS.find(([suffix]) => path === suffix || path.endsWith(`.${suffix}`));
  if (fallback !== undefined && deepEqual(value, fallback[1])) return undefined;
  if (isEmpty(value)) return undefined;
  if (Array.isArray(value)) return value.map((item) => stripIgnored(item));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const n = normalize(v, path === '' ? k : `${path}.${k}`);
      if (n !== undefined) out[k] = n;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

function stripIgnored(item: unknown): unknown {
  if (!isPlainObject(item)) return item;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) {
    if (IGNORED_KEYS.has(k)) continue;
    const n = isPlainObject(v) ? stripIgnored(v) : v;
    if (!isEmpty(n)) out[k] = n;
  }
  return out;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === 0 || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.values(value).every(isEmpty);
  return false;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON values, key order ignored. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => deepEqual(a[key], b[key]));
  }
  return false;
}
