import { describe, expect, it } from 'vitest';
import { deepEqual } from './deep-equal.js';
import { diffKind, diffSnapshot } from './diff.js';
import type { Entry } from './entry.js';
import { byId } from './entry.js';

const e = (id: string, doc: Record<string, unknown>, spec?: Record<string, unknown>): Entry => ({
  id,
  name: typeof doc.name === 'string' ? doc.name : id,
  doc,
  ...(spec ? { spec } : {}),
});

describe('deepEqual', () => {
  it('ignores key order and undefined keys, not array order', () => {
    expect(deepEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(deepEqual({ a: 1, x: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual({ a: null }, { a: 0 })).toBe(false);
  });
});

describe('diffKind', () => {
  it('reports inserts, real updates and deletes with old and new values', () => {
    const before = byId([
      e('a', { name: 'a', n: 1 }),
      e('b', { name: 'b', r: { x: 1, y: 2 } }),
      e('c', { name: 'c' }),
    ]);
    const after = byId([
      e('b', { r: { y: 2, x: 1 }, name: 'b' }),
      e('c', { name: 'c', n: 2 }),
      e('d', { name: 'd' }),
    ]);
    const changes = diffKind('config', before, after);
    expect(changes.map(({ op, id, changes: c }) => ({ op, id, c }))).toEqual([
      { op: 'delete', id: 'a', c: { n: { old: 1, new: null }, name: { old: 'a', new: null } } },
      { op: 'update', id: 'c', c: { n: { old: null, new: 2 } } },
      { op: 'insert', id: 'd', c: { name: { old: null, new: 'd' } } },
    ]);
  });

  it('reports a nested object as one top-level field', () => {
    const [change] = diffKind(
      'service',
      byId([e('s', { name: 's', replicas: { desired: 1, running: 1 } })]),
      byId([e('s', { name: 's', replicas: { desired: 2, running: 1 } })]),
    );
    expect(change!.changes).toEqual({
      replicas: { old: { desired: 1, running: 1 }, new: { desired: 2, running: 1 } },
    });
  });

  it('reports a service spec change the doc does not show, as dotted spec paths', () => {
    const spec = (env: string[]) => ({
      Name: 's',
      TaskTemplate: { ContainerSpec: { Image: 'x', Env: env } },
    });
    const [change] = diffKind(
      'service',
      byId([e('s', { name: 's' }, spec([]))]),
      byId([e('s', { name: 's' }, spec(['A=1']))]),
    );
    expect(change!.changes).toEqual({
      'spec.TaskTemplate.ContainerSpec.Env': { old: [], new: ['A=1'] },
    });
  });

  it('reports nothing when nothing changed', () => {
    const same = () => byId([e('s', { name: 's', labels: { a: '1', b: '2' } }, { Name: 's' })]);
    expect(diffKind('service', same(), same())).toEqual([]);
  });
});

describe('diffSnapshot', () => {
  it('compares only the kinds present on both sides', () => {
    const changes = diffSnapshot(
      { node: byId([]), task: byId([e('t', { state: 'running' })]) },
      { node: byId([e('n', { hostname: 'vm' })]) },
    );
    expect(changes.map((c) => [c.kind, c.op, c.id])).toEqual([['node', 'insert', 'n']]);
  });
});
