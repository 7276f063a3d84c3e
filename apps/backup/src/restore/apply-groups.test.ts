import { describe, expect, it } from 'vitest';
import { normalizeServiceSpec } from '@swarmops/contracts';
import type { RestoreApplyItem } from '@swarmops/contracts';
import { ALL_SECRET_VALUES, afterLoss, freshCluster, sourceCluster } from './__fixtures__/clusters.js';
import { MAX_GROUP_ITEMS, toApplyGroups } from './apply-groups.js';
import { networkItem } from './apply-items.js';
import { planRestore } from './plan-restore.js';

const BACKUP = '20261127T224100Z-3f9a1c2b';
const values: ReadonlySet<string> = new Set(ALL_SECRET_VALUES.keys());

function groupsFor(live = afterLoss(), archive = sourceCluster()) {
  const plan = planRestore({ archive, live, backupId: BACKUP, secretValues: values });
  return toApplyGroups(plan, archive, ALL_SECRET_VALUES);
}

const names = (items: RestoreApplyItem[]) => items.map((i) => `${i.kind} ${i.name}`);

describe('toApplyGroups', () => {
  it('sends the cluster-wide group first, then one group per stack, with only creates and updates', () => {
    const groups = groupsFor(freshCluster());
    expect(groups.map((g) => ({ stack: g.stack, items: names(g.items) }))).toEqual([
      { stack: null, items: ['swarm swarm', 'network shared', 'secret api-token', 'service tools'] },
      {
        stack: 'blog',
        items: ['network blog_default', 'config blog_theme', 'service blog_web', 'stack-version blog@1'],
      },
      {
        stack: 'shop',
        items: [
          'network shop_default',
          'config shop_app-config',
          'secret shop_db-password',
          'service shop_api',
          'service shop_web',
          'stack-version shop@1',
          'stack-version shop@2',
        ],
      },
    ]);
  });

  it('returns no group when nothing is to be applied', () => {
    expect(groupsFor(sourceCluster())).toEqual([]);
  });

  it('rewrites service specs by name: network targets, no secret or config ids, no force-update counter', () => {
    const shop = groupsFor().find((g) => g.stack === 'shop');
    const api = shop?.items.find((i) => i.name === 'shop_api');
    expect(api?.kind).toBe('service');
    if (api?.kind !== 'service') return;
    const template = api.spec['TaskTemplate'] as Record<string, unknown>;
    expect(template['Networks']).toEqual([
      { Target: 'shop_default', Aliases: ['api'] },
      { Target: 'shared', Aliases: ['api'] },
    ]);
    expect(template).not.toHaveProperty('ForceUpdate');
    const text = JSON.stringify(api.spec);
    expect(text).not.toMatch(/SecretID|ConfigID|net-shop|sec-db|cfg-shop/);
    expect(text).toMatch(/"SecretName":"shop_db-password"/);
    expect(text).toMatch(/"ConfigName":"shop_app-config"/);
  });

  it('sends a spec whose normalized form equals the archived one', () => {
    const archive = sourceCluster();
    for (const item of groupsFor().flatMap((g) => g.items)) {
      if (item.kind !== 'service') continue;
      const archived = archive.services.find((s) => s.name === item.name);
      expect(normalizeServiceSpec(item.spec)).toEqual(
        normalizeServiceSpec(archived?.spec, { networkNames: archived?.networkNames ?? {} }),
      );
    }
  });

  it('puts the secret value in as base64 and creates networks without the allocated vxlan id', () => {
    const items = groupsFor().flatMap((g) => g.items);
    expect(items.find((i) => i.name === 'shop_db-password')).toEqual({
      kind: 'secret',
      name: 'shop_db-password',
      spec: {
        Name: 'shop_db-password',
        Labels: { 'com.docker.stack.namespace': 'shop' },
        Data: Buffer.from('s3cret-db').toString('base64'),
      },
    });
    const network = items.find((i) => i.name === 'shop_default');
    expect(network?.kind === 'network' && network.spec).toEqual({
      Name: 'shop_default',
      Driver: 'overlay',
      Scope: 'swarm',
      Attachable: false,
      Internal: false,
      EnableIPv6: false,
      IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '10.0.1.0/24', Gateway: '10.0.1.1' }] },
      Options: {},
      Labels: { 'com.docker.stack.namespace': 'shop' },
    });
  });

  it('carries node labels, the swarm settings it applies, and stack versions whole', () => {
    const live = afterLoss();
    live.nodes = [{ ...live.nodes[0]!, labels: {} }];
    const [cluster] = groupsFor(live);
    expect(cluster?.items[0]).toEqual({
      kind: 'node',
      name: 'manager-1',
      labels: { tier: 'web' },
      availability: 'active',
    });
    const swarm = groupsFor(freshCluster())[0]?.items[0];
    expect(swarm?.kind === 'swarm' && Object.keys(swarm.spec).sort()).toEqual([
      'CAConfig',
      'Dispatcher',
      'Orchestration',
      'Raft',
    ]);
    const version = groupsFor()
      .flatMap((g) => g.items)
      .find((i) => i.name === 'shop@2');
    expect(version).toEqual({
      kind: 'stack-version',
      name: 'shop@2',
      stack: 'shop',
      version: 2,
      compose: 'services: {api: {image: b}}',
      env: { TAG: 'b' },
      strategy: 'rolling',
      deployedAt: '2026-11-21T10:00:00.000Z',
    });
  });

  it('applies a standalone service that uses a stack network after that stack', () => {
    const archive = sourceCluster();
    const tools = archive.services.find((s) => s.name === 'tools')!;
    tools.networkNames = { 'net-shop': 'shop_default' };
    (tools.spec.TaskTemplate as { Networks: unknown[] }).Networks = [{ Target: 'net-shop' }];
    const groups = groupsFor(afterLoss(), archive);
    expect(groups.map((g) => g.stack)).toEqual([null, 'blog', 'shop', null]);
    expect(names(groups[3]!.items)).toEqual(['service tools']);
  });

  it('splits a group larger than restore.apply takes', () => {
    const archive = sourceCluster();
    archive.configs = Array.from({ length: MAX_GROUP_ITEMS + 1 }, (_, i) => ({
      id: `c${i}`,
      name: `cfg-${String(i).padStart(5, '0')}`,
      stack: null,
      createdAt: null,
      spec: { Name: `cfg-${i}`, Data: '' },
    }));
    archive.services = [];
    archive.stacks = [];
    archive.networks = [];
    const groups = groupsFor(sourceCluster(), archive).filter((g) => g.stack === null);
    expect(groups.map((g) => g.items.length)).toEqual([MAX_GROUP_ITEMS, 1]);
  });

  it('also sends the unchanged networks and configs its created services use, and no existing secret', () => {
    // Services lost, their networks, configs and secrets still listed (a stack just removed: Swarm keeps
    // listing its network until the tasks are gone).
    const live = { ...sourceCluster(), services: [] };
    const archive = sourceCluster();
    const plan = planRestore({ archive, live, backupId: BACKUP, secretValues: values });
    const before = structuredClone(plan);
    const groups = toApplyGroups(plan, archive, ALL_SECRET_VALUES);
    expect(plan).toEqual(before);
    expect(plan.items.filter((i) => i.kind === 'network').map((i) => i.action)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(groups.map((g) => ({ stack: g.stack, items: names(g.items) }))).toEqual([
      { stack: null, items: ['network shared', 'service tools'] },
      { stack: 'blog', items: ['network blog_default', 'config blog_theme', 'service blog_web'] },
      {
        stack: 'shop',
        items: [
          'network shared',
          'network shop_default',
          'config shop_app-config',
          'service shop_api',
          'service shop_web',
        ],
      },
    ]);
    const items = groups.flatMap((g) => g.items);
    expect(items.some((i) => i.kind === 'secret')).toBe(false);
    expect(items.find((i) => i.name === 'shop_default')).toEqual(
      networkItem(archive.networks.find((n) => n.name === 'shop_default')!),
    );
    expect(items.find((i) => i.name === 'blog_theme')).toEqual({
      kind: 'config',
      name: 'blog_theme',
      spec: { Name: 'blog_theme', Labels: { 'com.docker.stack.namespace': 'blog' }, Data: 'ZGFyaw==' },
    });
  });

  it('adds nothing for an unchanged service, nor a network the plan skips', () => {
    const live = sourceCluster();
    live.services = live.services.filter((s) => s.name !== 'shop_web');
    live.networks = live.networks.map((n) =>
      n.name === 'shop_default' ? { ...n, spec: { ...n.spec, Internal: true } } : n,
    );
    const groups = groupsFor(live);
    expect(groups.map((g) => ({ stack: g.stack, items: names(g.items) }))).toEqual([
      { stack: 'shop', items: ['service shop_web'] },
    ]);
  });

  it('keeps a service and the unchanged objects it uses in the same group when splitting', () => {
    const archive = sourceCluster();
    const shared = archive.networks.find((n) => n.name === 'shared')!;
    archive.services = Array.from({ length: MAX_GROUP_ITEMS }, (_, i) => {
      const service = structuredClone(archive.services.find((s) => s.name === 'tools')!);
      service.name = `tools-${String(i).padStart(5, '0')}`;
      service.spec.Name = service.name;
      service.networkNames = { [shared.id]: 'shared' };
      (service.spec.TaskTemplate as { Networks: unknown[] }).Networks = [{ Target: shared.id }];
      return service;
    });
    archive.stacks = [];
    const live = { ...sourceCluster(), services: [] };
    const groups = groupsFor(live, archive);
    expect(groups.map((g) => g.items.length)).toEqual([MAX_GROUP_ITEMS, 2]);
    for (const group of groups) {
      expect(group.items[0]).toMatchObject({ kind: 'network', name: 'shared' });
      expect(group.items.filter((i) => i.kind === 'network')).toHaveLength(1);
    }
    expect(groups.flatMap((g) => g.items).filter((i) => i.kind === 'service')).toHaveLength(MAX_GROUP_ITEMS);
  });

  it('refuses to build a secret the plan creates when its value is missing, naming only the secret', () => {
    const archive = sourceCluster();
    const plan = planRestore({ archive, live: afterLoss(), backupId: BACKUP, secretValues: values });
    expect(() => toApplyGroups(plan, archive, new Map([['api-token', Buffer.from('x')]]))).toThrow(
      'no value for secret shop_db-password in the secrets file',
    );
  });
});
