import { describe, expect, it } from 'vitest';
import { planNodeRestore } from './node.js';
import type { NodeWithLabels } from './node.js';

const node = (id: string, over: Partial<NodeWithLabels> = {}): NodeWithLabels => ({
  id,
  hostname: `host-${id}`,
  role: 'worker',
  availability: 'active',
  state: 'ready',
  labels: {},
  ...over,
});

describe('planNodeRestore', () => {
  it('skips a node whose hostname this swarm lacks', () => {
    const plan = planNodeRestore([node('a')], { name: 'host-x', labels: {}, availability: 'active' });
    expect(plan).toEqual({ outcome: 'skipped', reason: 'no node with hostname host-x in this swarm' });
  });

  it('is unchanged when every archived label and the availability already match', () => {
    const nodes = [node('a', { labels: { zone: 'a', extra: '1' } })];
    expect(planNodeRestore(nodes, { name: 'host-a', labels: { zone: 'a' }, availability: 'active' })).toEqual(
      {
        outcome: 'unchanged',
      },
    );
  });

  it('adds and overwrites labels, keeping labels only the live node has', () => {
    const nodes = [node('a', { labels: { zone: 'b', extra: '1' } })];
    const plan = planNodeRestore(nodes, {
      name: 'host-a',
      labels: { zone: 'a', disk: 'ssd' },
      availability: 'drain',
    });
    expect(plan).toMatchObject({
      outcome: 'update',
      labels: { zone: 'a', disk: 'ssd', extra: '1' },
      availability: 'drain',
    });
  });

  it('never drains or pauses the last active manager', () => {
    const nodes = [node('m', { role: 'manager' }), node('w')];
    for (const availability of ['drain', 'pause'] as const) {
      const plan = planNodeRestore(nodes, { name: 'host-m', labels: {}, availability });
      expect(plan.outcome).toBe('failed');
      expect(plan.outcome === 'failed' ? plan.reason : '').toContain('last active manager');
    }
    const second = [...nodes, node('m2', { role: 'manager' })];
    expect(planNodeRestore(second, { name: 'host-m', labels: {}, availability: 'drain' }).outcome).toBe(
      'update',
    );
  });
});
