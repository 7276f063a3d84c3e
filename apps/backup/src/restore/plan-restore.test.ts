import { describe, expect, it } from 'vitest';
import { isAppError } from '@swarmops/contracts';
import type { RestorePlan } from '@swarmops/contracts';
import type { ClusterState } from '../domain/cluster-state.js';
import {
  ALL_SECRET_VALUES,
  SOURCE,
  afterLoss,
  freshCluster,
  restoredElsewhere,
  sourceCluster,
} from './__fixtures__/clusters.js';
import { planRestore } from './plan-restore.js';

const BACKUP = '20261127T224100Z-3f9a1c2b';
const allValues: ReadonlySet<string> = new Set(ALL_SECRET_VALUES.keys());

function plan(live: ClusterState, more: Partial<Parameters<typeof planRestore>[0]> = {}): RestorePlan {
  return planRestore({ archive: sourceCluster(), live, backupId: BACKUP, secretValues: allValues, ...more });
}

const actions = (p: RestorePlan) => p.items.map((i) => `${i.action} ${i.kind} ${i.name}`);

describe('planRestore', () => {
  it('recreates everything the same swarm lost, in apply order', () => {
    const p = plan(afterLoss());
    expect(actions(p)).toEqual([
      'unchanged swarm swarm',
      'unchanged node manager-1',
      'create network blog_default',
      'create network shared',
      'create network shop_default',
      'create config blog_theme',
      'create config shop_app-config',
      'create secret api-token',
      'create secret shop_db-password',
      'create service blog_web',
      'create service shop_api',
      'create service shop_web',
      'create service tools',
      'create stack-version blog@1',
      'create stack-version shop@1',
      'create stack-version shop@2',
    ]);
    expect(p.counts).toEqual({ create: 14, update: 0, unchanged: 2, skip: 0 });
    expect(p).toMatchObject({
      sourceClusterId: SOURCE,
      targetClusterId: SOURCE,
      stacks: null,
      services: null,
    });
    expect(p.items.find((i) => i.name === 'shop_api')?.stack).toBe('shop');
    expect(p.items.find((i) => i.name === 'tools')?.stack).toBeNull();
  });

  it('plans nothing but unchanged against the cluster the archive was taken from', () => {
    const p = plan(sourceCluster());
    expect(p.counts).toEqual({ create: 0, update: 0, unchanged: 16, skip: 0 });
  });

  it('plans nothing but unchanged against another swarm the archive was restored into (other ids)', () => {
    const p = plan(restoredElsewhere('cluster-fresh'));
    expect(p.items.filter((i) => i.action !== 'unchanged')).toEqual([
      expect.objectContaining({ kind: 'node', name: 'manager-1', action: 'skip' }),
    ]);
    expect(p.counts.unchanged).toBe(15);
  });

  it('updates a service whose spec changed, naming the fields with live and archived values', () => {
    const live = sourceCluster();
    const api = live.services.find((s) => s.name === 'shop_api');
    if (api === undefined) throw new Error('fixture');
    const template = api.spec.TaskTemplate as { ContainerSpec: { Image: string } };
    template.ContainerSpec.Image = 'swarmops/busybox:new';
    api.spec.Mode = { Replicated: { Replicas: 5 } };
    const item = plan(live).items.find((i) => i.name === 'shop_api');
    expect(item).toEqual({
      kind: 'service',
      name: 'shop_api',
      stack: 'shop',
      action: 'update',
      changes: [
        { path: 'Mode.Replicated.Replicas', old: 5, new: 2 },
        {
          path: 'TaskTemplate.ContainerSpec.Image',
          old: 'swarmops/busybox:new',
          new: 'swarmops/busybox:test',
        },
      ],
    });
  });

  it('updates swarm settings and node labels that differ', () => {
    const live = sourceCluster();
    live.nodes = [{ ...live.nodes[0]!, labels: { tier: 'db' }, availability: 'drain' }];
    if (live.swarm !== null)
      live.swarm.spec = { ...live.swarm.spec, Dispatcher: { HeartbeatPeriod: 1000000000 } };
    const p = plan(live);
    expect(p.items.slice(0, 2)).toEqual([
      {
        kind: 'swarm',
        name: 'swarm',
        stack: null,
        action: 'update',
        changes: [{ path: 'Dispatcher.HeartbeatPeriod', old: 1000000000, new: 5000000000 }],
      },
      {
        kind: 'node',
        name: 'manager-1',
        stack: null,
        action: 'update',
        changes: [
          { path: 'availability', old: 'drain', new: 'active' },
          { path: 'labels.tier', old: 'db', new: 'web' },
        ],
      },
    ]);
  });

  it('restores into a fresh swarm: says so, creates everything, skips nodes with no matching hostname', () => {
    const p = plan(freshCluster());
    expect(p.targetClusterId).toBe('cluster-fresh');
    expect(p.items[0]).toMatchObject({ kind: 'swarm', action: 'update' });
    expect(p.items[0]?.reason).toMatch(
      /another swarm: the backup is of cluster-source, this swarm is cluster-fresh/,
    );
    expect(p.items[1]).toMatchObject({ kind: 'node', name: 'manager-1', action: 'skip' });
    expect(p.items[1]?.reason).toMatch(/no node with hostname manager-1/);
    expect(p.counts).toEqual({ create: 14, update: 1, unchanged: 0, skip: 1 });
  });

  it('skips a secret with no value and the services needing it, and says where values come from', () => {
    const p = plan(afterLoss(), { secretValues: new Set(['api-token']) });
    const secret = p.items.find((i) => i.name === 'shop_db-password');
    expect(secret).toMatchObject({ action: 'skip' });
    expect(secret?.reason).toBe(
      'no value for secret shop_db-password: add it to BACKUP_SECRETS_FILE (see docs/backup.md)',
    );
    const api = p.items.find((i) => i.name === 'shop_api');
    expect(api).toMatchObject({ action: 'skip' });
    expect(api?.reason).toMatch(/^needs secret shop_db-password; no value for secret shop_db-password/);
    expect(p.items.find((i) => i.name === 'shop_web')?.action).toBe('create');
  });

  it('leaves an existing secret as it is even without a value', () => {
    const live = afterLoss();
    live.secrets = sourceCluster().secrets;
    const p = plan(live, { secretValues: new Set() });
    expect(p.items.filter((i) => i.kind === 'secret').map((i) => i.action)).toEqual([
      'unchanged',
      'unchanged',
    ]);
    expect(p.items.find((i) => i.name === 'shop_api')?.action).toBe('create');
  });

  it('skips a config that exists with other data, and a network that exists with other settings', () => {
    const live = afterLoss();
    const [config] = sourceCluster().configs.filter((c) => c.name === 'shop_app-config');
    const [net] = sourceCluster().networks.filter((n) => n.name === 'shared');
    live.configs = [{ ...config!, spec: { ...config!.spec, Data: 'cG9ydD05MA==' } }];
    live.networks = [{ ...net!, spec: { ...net!.spec, Internal: true } }];
    const p = plan(live);
    const cfg = p.items.find((i) => i.name === 'shop_app-config');
    expect(cfg).toMatchObject({ action: 'skip' });
    expect(cfg?.reason).toMatch(/exists with different data: configs are immutable/);
    const network = p.items.find((i) => i.name === 'shared');
    expect(network).toMatchObject({ action: 'skip', changes: [{ path: 'Internal', old: true }] });
    expect(p.items.find((i) => i.name === 'shop_api')?.action).toBe('create');
  });

  it('skips a service whose network is neither in the backup nor live', () => {
    const archive = sourceCluster();
    archive.networks = archive.networks.filter((n) => n.name !== 'shared');
    const p = planRestore({ archive, live: afterLoss(), backupId: BACKUP, secretValues: allValues });
    const tools = p.items.find((i) => i.name === 'tools');
    expect(tools).toMatchObject({ action: 'skip' });
    expect(tools?.reason).toBe('needs network shared, which is neither in the backup nor on this swarm');
  });

  it('keeps a recorded stack version that differs and creates missing ones', () => {
    const live = afterLoss();
    live.stacks = [
      {
        name: 'shop',
        services: [],
        versions: [{ ...sourceCluster().stacks[0]!.versions[0]!, compose: 'other' }],
      },
    ];
    const p = plan(live);
    expect(p.items.filter((i) => i.kind === 'stack-version').map((i) => `${i.action} ${i.name}`)).toEqual([
      'create blog@1',
      'skip shop@1',
      'create shop@2',
    ]);
  });

  describe('filters', () => {
    it('stacks: their objects, the outside objects their services use, their versions; no swarm or nodes', () => {
      const p = plan(afterLoss(), { stacks: ['shop'] });
      expect(actions(p)).toEqual([
        'create network shared',
        'create network shop_default',
        'create config shop_app-config',
        'create secret shop_db-password',
        'create service shop_api',
        'create service shop_web',
        'create stack-version shop@1',
        'create stack-version shop@2',
      ]);
      expect(p.stacks).toEqual(['shop']);
    });

    it('services: those services and what they use, no versions', () => {
      const p = plan(afterLoss(), { services: ['tools'] });
      expect(actions(p)).toEqual([
        'create network shared',
        'create secret api-token',
        'create service tools',
      ]);
      expect(p.services).toEqual(['tools']);
    });

    it('stacks and services: services of those stacks only', () => {
      const p = plan(afterLoss(), { stacks: ['shop'], services: ['shop_web'] });
      expect(actions(p)).toEqual([
        'create network shop_default',
        'create service shop_web',
        'create stack-version shop@1',
        'create stack-version shop@2',
      ]);
    });

    it('refuses a stack or service the archive does not hold, naming it', () => {
      const failure = (f: () => unknown) => {
        try {
          f();
        } catch (err) {
          return err;
        }
        return null;
      };
      const stack = failure(() => plan(afterLoss(), { stacks: ['shop', 'nope'] }));
      expect(isAppError(stack) && stack.code).toBe('NOT_FOUND');
      expect((stack as Error).message).toBe('stack nope not in the backup');
      const service = failure(() => plan(afterLoss(), { stacks: ['blog'], services: ['tools'] }));
      expect(isAppError(service) && service.code).toBe('NOT_FOUND');
      expect((service as Error).message).toBe('service tools not in stacks blog of the backup');
    });
  });
});
