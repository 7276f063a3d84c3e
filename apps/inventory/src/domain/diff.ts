import type { InventoryKind } from '@swarmops/contracts';
import { deepEqual, definedKeys } from './deep-equal.js';
import type { Doc, Entry, Snapshot } from './entry.js';
import { KINDS } from './entry.js';

/** A field's value before and after; `null` stands for "did not exist". */
export interface FieldChange {
  old: unknown;
  new: unknown;
}

/** What to do to one stored object, and which fields changed. */
export interface Change {
  kind: InventoryKind;
  op: 'insert' | 'update' | 'delete';
  id: string;
  name: string;
  /**
   * Top-level fields of the doc that changed (nested objects such as `replicas` or `resources`
   * are one field). For services, changes of the Docker spec that leave the doc equal are listed
   * as `spec.<path>`, at most three keys below `spec` (e.g. `spec.TaskTemplate.ContainerSpec.Env`).
   */
  changes: Record<string, FieldChange>;
  /** The new entry (insert and update). */
  entry?: Entry;
}

/** How many keys below `spec` a service spec change is reported at; deeper changes roll up. */
const SPEC_DEPTH = 3;

/**
 * The changes that turn `previous` into `next`, for every kind present in both. Unchanged
 * objects (deep-equal doc, and spec for services) produce nothing. Order: kinds in {@link KINDS}
 * order, then deletes, updates and inserts by id.
 */
export function diffSnapshot(previous: Snapshot, next: Snapshot): Change[] {
  const out: Change[] = [];
  for (const kind of KINDS) {
    const before = previous[kind];
    const after = next[kind];
    if (before === undefined || after === undefined) continue;
    out.push(...diffKind(kind, before, after));
  }
  return out;
}

/** The changes of one kind. */
export function diffKind(
  kind: InventoryKind,
  before: ReadonlyMap<string, Entry>,
  after: ReadonlyMap<string, Entry>,
): Change[] {
  const deletes: Change[] = [];
  const updates: Change[] = [];
  const inserts: Change[] = [];
  for (const [id, old] of before) {
    if (!after.has(id))
      deletes.push({ kind, op: 'delete', id, name: old.name, changes: fieldChanges(old.doc, {}) });
  }
  for (const [id, entry] of after) {
    const old = before.get(id);
    if (old === undefined) {
      inserts.push({ kind, op: 'insert', id, name: entry.name, changes: fieldChanges({}, entry.doc), entry });
      continue;
    }
    const changes = fieldChanges(old.doc, entry.doc);
    if (entry.spec !== undefined) Object.assign(changes, specChanges(old.spec ?? {}, entry.spec));
    if (Object.keys(changes).length > 0)
      updates.push({ kind, op: 'update', id, name: entry.name, changes, entry });
  }
  const byIdOrder = (a: Change, b: Change) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...deletes.sort(byIdOrder), ...updates.sort(byIdOrder), ...inserts.sort(byIdOrder)];
}

/** Top-level fields that differ between two docs; a missing field is `null`. */
export function fieldChanges(old: Doc, next: Doc): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  const keys = [...new Set([...definedKeys(old), ...definedKeys(next)])].sort();
  for (const key of keys) {
    if (!deepEqual(old[key], next[key])) changes[key] = { old: old[key] ?? null, new: next[key] ?? null };
  }
  return changes;
}

function specChanges(old: Doc, next: Doc): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  walk(old, next, 'spec', 0);
  return changes;

  function walk(a: unknown, b: unknown, path: string, depth: number): void {
    if (deepEqual(a, b)) return;
    if (depth >= SPEC_DEPTH || !isPlainObject(a) || !isPlainObject(b)) {
      changes[path] = { old: a ?? null, new: b ?? null };
      return;
    }
    const keys = [...new Set([...definedKeys(a), ...definedKeys(b)])].sort();
    for (const key of keys) walk(a[key], b[key], `${path}.${key}`, depth + 1);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
