import { describe, expect, it } from 'vitest';
import type { RestoreApplyData } from '@swarmops/contracts';
import { ALL_SECRET_VALUES, afterLoss, sourceCluster } from './__fixtures__/clusters.js';
import { toApplyGroups } from './apply-groups.js';
import type { ApplyGroup } from './apply-groups.js';
import { planRestore } from './plan-restore.js';
import { runRestore } from './run-restore.js';

const BACKUP = '20261127T224100Z-3f9a1c2b';

function setup() {
  const archive = sourceCluster();
  const plan = planRestore({
    archive,
    live: afterLoss(),
    backupId: BACKUP,
    secretValues: new Set(ALL_SECRET_VALUES.keys()),
  });
  return { plan, groups: toApplyGroups(plan, archive, ALL_SECRET_VALUES) };
}

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

/** A deployer that applies every item, except those `fail` names. */
function deployer(fail: ReadonlySet<string> = new Set()) {
  const calls: ApplyGroup[] = [];
  const call = (group: ApplyGroup): Promise<RestoreApplyData> => {
    calls.push(group);
    const outcomes = group.items.map((i) =>
      fail.has(i.name)
        ? { kind: i.kind, name: i.name, outcome: 'failed' as const, error: 'boom' }
        : { kind: i.kind, name: i.name, outcome: 'created' as const },
    );
    const failed = outcomes.some((o) => o.outcome === 'failed');
    return Promise.resolve({
      deploymentId: id(calls.length),
      status: failed ? 'failed' : 'succeeded',
      outcomes,
      services: [],
    });
  };
  return { calls, call };
}

describe('runRestore', () => {
  it('applies each group once, in order, reporting progress by items', async () => {
    const { plan, groups } = setup();
    const d = deployer();
    const progress: string[] = [];
    const result = await runRestore({
      plan,
      groups,
      deployer: d.call,
      onProgress: (done, total, message) => {
        progress.push(`${done}/${total} ${message}`);
      },
    });
    expect(d.calls.map((g) => g.stack)).toEqual([null, 'blog', 'shop']);
    expect(result.error).toBeNull();
    expect(result.deploymentIds).toEqual([id(1), id(2), id(3)]);
    expect(result.outcomes).toHaveLength(14);
    expect(result.outcomes.every((o) => o.outcome === 'created')).toBe(true);
    expect(progress).toEqual([
      '3/14 applied cluster-wide objects',
      '7/14 applied stack blog',
      '14/14 applied stack shop',
    ]);
  });

  it('stops at the first failed group and reports the groups not sent as skipped', async () => {
    const { plan, groups } = setup();
    const d = deployer(new Set(['blog_web']));
    const result = await runRestore({ plan, groups, deployer: d.call, onProgress: () => undefined });
    expect(d.calls.map((g) => g.stack)).toEqual([null, 'blog']);
    expect(result.error).toBe('stack blog failed: service blog_web: boom');
    expect(result.deploymentIds).toEqual([id(1), id(2)]);
    const shop = result.outcomes.filter((o) => o.name.startsWith('shop'));
    expect(shop).toHaveLength(7);
    expect(
      shop.every((o) => o.outcome === 'skipped' && o.error === 'not applied: stack blog failed first'),
    ).toBe(true);
  });

  it('treats a deployer call that throws as the failure of its group', async () => {
    const { plan, groups } = setup();
    const progress: string[] = [];
    const result = await runRestore({
      plan,
      groups,
      deployer: () => Promise.reject(new Error('UNAVAILABLE: no deployer answered')),
      onProgress: (done, total, message) => {
        progress.push(`${done}/${total} ${message}`);
      },
    });
    expect(result.error).toBe('cluster-wide objects failed: UNAVAILABLE: no deployer answered');
    expect(result.deploymentIds).toEqual([]);
    expect(result.outcomes.slice(0, 3).map((o) => o.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(result.outcomes.slice(3).every((o) => o.outcome === 'skipped')).toBe(true);
    expect(progress).toEqual(['3/14 cluster-wide objects failed: UNAVAILABLE: no deployer answered']);
  });

  it('fails a group whose deployment failed even when no item did', async () => {
    const { plan, groups } = setup();
    const result = await runRestore({
      plan,
      groups: groups.slice(0, 1),
      deployer: (g) =>
        Promise.resolve({
          deploymentId: id(1),
          status: 'failed',
          outcomes: g.items.map((i) => ({ kind: i.kind, name: i.name, outcome: 'created' as const })),
          services: [],
        }),
      onProgress: () => undefined,
    });
    expect(result.error).toBe(`cluster-wide objects failed: deployment ${id(1)} failed`);
  });
});
