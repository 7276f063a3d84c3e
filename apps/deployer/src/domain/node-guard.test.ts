import { describe, expect, it } from 'vitest';
import { findNode, guardNodeUpdate } from './node-guard.js';
import type { NodeFacts } from './node-guard.js';

const node = (id: string, role: NodeFacts['role'], over: Partial<NodeFacts> = {}): NodeFacts => ({
  id,
  hostname: `host-${id}`,
  role,
  availability: 'active',
  state: 'ready',
  ...over,
});

describe('guardNodeUpdate', () => {
  it('refuses to drain or pause the only manager', () => {
    const m = node('m1', 'manager');
    for (const availability of ['drain', 'pause'] as const) {
      const verdict = guardNodeUpdate([m, node('w1', 'worker')], m, availability);
      expect(verdict).toMatchObject({ allowed: false, guardrail: 'last-active-manager' });
    }
  });

  it('refuses when the other managers are drained or down', () => {
    const m1 = node('m1', 'manager');
    const nodes = [
      m1,
      node('m2', 'manager', { availability: 'drain' }),
      node('m3', 'manager', { state: 'down' }),
    ];
    expect(guardNodeUpdate(nodes, m1, 'drain').allowed).toBe(false);
  });

  it('allows draining a manager while another active, ready manager remains', () => {
    const m1 = node('m1', 'manager');
    expect(guardNodeUpdate([m1, node('m2', 'manager')], m1, 'drain')).toEqual({ allowed: true });
  });

  it('always allows workers and making a node active', () => {
    const w = node('w1', 'worker');
    const m = node('m1', 'manager', { availability: 'drain' });
    expect(guardNodeUpdate([m, w], w, 'drain').allowed).toBe(true);
    expect(guardNodeUpdate([m, w], m, 'active').allowed).toBe(true);
  });
});

describe('findNode', () => {
  it('finds by id, hostname or a long id prefix', () => {
    const nodes = [node('abcdefghijklmnop', 'manager'), node('zz', 'worker')];
    expect(findNode(nodes, 'abcdefghijklmnop')?.id).toBe('abcdefghijklmnop');
    expect(findNode(nodes, 'host-zz')?.id).toBe('zz');
    expect(findNode(nodes, 'abcdefghijkl')?.id).toBe('abcdefghijklmnop');
    expect(findNode(nodes, 'abc')).toBeUndefined();
  });
});
