import type { ArchivedService } from '@swarmops/contracts';
import type { ClusterState } from '../../domain/cluster-state.js';

// A small cluster as capture records it: two stacks (shop, blog) and standalone objects, with specs shaped
// like `docker service inspect` returns them (engine defaults, ids in references).

export const SOURCE = 'cluster-source';
const STACK = 'com.docker.stack.namespace';

function service(
  name: string,
  stack: string | null,
  opts: { networks?: [string, string][]; secrets?: [string, string][]; configs?: [string, string][] } = {},
): ArchivedService {
  const labels: Record<string, string> = stack === null ? { team: 'ops' } : { [STACK]: stack };
  return {
    id: `svc-${name}`,
    name,
    stack,
    createdAt: '2026-11-27T20:00:00.000Z',
    networkNames: Object.fromEntries((opts.networks ?? []).map(([id, net]) => [id, net])),
    spec: {
      Name: name,
      Labels: labels,
      TaskTemplate: {
        ContainerSpec: {
          Image: 'swarmops/busybox:test',
          Command: ['httpd', '-f'],
          Labels: labels,
          Isolation: 'default',
          ...(opts.secrets === undefined
            ? {}
            : {
                Secrets: opts.secrets.map(([id, secret]) => ({
                  File: { Name: secret, UID: '0', GID: '0', Mode: 292 },
                  SecretID: id,
                  SecretName: secret,
                })),
              }),
          ...(opts.configs === undefined
            ? {}
            : {
                Configs: opts.configs.map(([id, config]) => ({
                  File: { Name: `/etc/${config}`, UID: '0', GID: '0', Mode: 292 },
                  ConfigID: id,
                  ConfigName: config,
                })),
              }),
        },
        Resources: { Limits: {}, Reservations: {} },
        Placement: { Constraints: ['node.labels.tier==web'] },
        Networks: (opts.networks ?? []).map(([id]) => ({ Target: id, Aliases: [name.split('_').pop()] })),
        ForceUpdate: 0,
        Runtime: 'container',
      },
      Mode: { Replicated: { Replicas: 2 } },
      UpdateConfig: { Parallelism: 1, FailureAction: 'pause', MaxFailureRatio: 0, Order: 'stop-first' },
      EndpointSpec: { Mode: 'vip' },
    },
  };
}

function network(id: string, name: string, stack: string | null, subnet: string) {
  return {
    id,
    name,
    stack,
    spec: {
      Name: name,
      Driver: 'overlay',
      Scope: 'swarm',
      Attachable: stack === null,
      Internal: false,
      EnableIPv6: false,
      IPAM: {
        Driver: 'default',
        Options: null,
        Config: [{ Subnet: subnet, Gateway: subnet.replace('0/24', '1') }],
      },
      Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4097' },
      Labels: stack === null ? {} : { [STACK]: stack },
    },
  };
}

/** The archived cluster. */
export function sourceCluster(): ClusterState {
  return {
    clusterId: SOURCE,
    swarm: {
      clusterId: SOURCE,
      createdAt: '2026-11-01T00:00:00.000Z',
      spec: {
        Name: 'default',
        Labels: {},
        Orchestration: { TaskHistoryRetentionLimit: 5 },
        Raft: {
          SnapshotInterval: 10000,
          KeepOldSnapshots: 0,
          LogEntriesForSlowFollowers: 500,
          ElectionTick: 10,
          HeartbeatTick: 1,
        },
        Dispatcher: { HeartbeatPeriod: 5000000000 },
        CAConfig: { NodeCertExpiry: 7776000000000000 },
        TaskDefaults: {},
        EncryptionConfig: { AutoLockManagers: false },
      },
    },
    nodes: [
      {
        id: 'node-a',
        hostname: 'manager-1',
        role: 'manager',
        availability: 'active',
        labels: { tier: 'web' },
      },
    ],
    networks: [
      network('net-shop', 'shop_default', 'shop', '10.0.1.0/24'),
      network('net-blog', 'blog_default', 'blog', '10.0.2.0/24'),
      network('net-shared', 'shared', null, '10.0.3.0/24'),
    ],
    configs: [
      {
        id: 'cfg-shop',
        name: 'shop_app-config',
        stack: 'shop',
        createdAt: null,
        spec: { Name: 'shop_app-config', Labels: { [STACK]: 'shop' }, Data: 'cG9ydD04MA==' },
      },
      {
        id: 'cfg-blog',
        name: 'blog_theme',
        stack: 'blog',
        createdAt: null,
        spec: { Name: 'blog_theme', Labels: { [STACK]: 'blog' }, Data: 'ZGFyaw==' },
      },
    ],
    secrets: [
      {
        id: 'sec-db',
        name: 'shop_db-password',
        stack: 'shop',
        createdAt: null,
        spec: { Name: 'shop_db-password', Labels: { [STACK]: 'shop' } },
      },
      {
        id: 'sec-token',
        name: 'api-token',
        stack: null,
        createdAt: null,
        spec: { Name: 'api-token', Labels: {} },
      },
    ],
    services: [
      service('shop_api', 'shop', {
        networks: [
          ['net-shop', 'shop_default'],
          ['net-shared', 'shared'],
        ],
        secrets: [['sec-db', 'shop_db-password']],
        configs: [['cfg-shop', 'shop_app-config']],
      }),
      service('shop_web', 'shop', { networks: [['net-shop', 'shop_default']] }),
      service('blog_web', 'blog', {
        networks: [['net-blog', 'blog_default']],
        configs: [['cfg-blog', 'blog_theme']],
      }),
      service('tools', null, { networks: [['net-shared', 'shared']], secrets: [['sec-token', 'api-token']] }),
    ],
    stacks: [
      {
        name: 'shop',
        services: ['shop_api', 'shop_web'],
        versions: [
          {
            version: 1,
            compose: 'services: {api: {image: a}}',
            env: {},
            strategy: 'rolling',
            deployedAt: '2026-11-20T10:00:00.000Z',
          },
          {
            version: 2,
            compose: 'services: {api: {image: b}}',
            env: { TAG: 'b' },
            strategy: 'rolling',
            deployedAt: '2026-11-21T10:00:00.000Z',
          },
        ],
      },
      {
        name: 'blog',
        services: ['blog_web'],
        versions: [
          {
            version: 1,
            compose: 'services: {web: {image: w}}',
            env: {},
            strategy: 'rolling',
            deployedAt: '2026-11-22T10:00:00.000Z',
          },
        ],
      },
    ],
  };
}

/** The same swarm after losing every network, config, secret, service and stack record (nodes and settings kept). */
export function afterLoss(): ClusterState {
  const source = sourceCluster();
  return { ...source, networks: [], configs: [], secrets: [], services: [], stacks: [] };
}

/** A new, empty swarm with one node of another hostname. */
export function freshCluster(clusterId = 'cluster-fresh'): ClusterState {
  const source = sourceCluster();
  return {
    clusterId,
    swarm:
      source.swarm === null
        ? null
        : {
            ...source.swarm,
            clusterId,
            spec: { ...source.swarm.spec, Dispatcher: { HeartbeatPeriod: 1000000000 } },
          },
    nodes: [{ id: 'other-node', hostname: 'lab-n1', role: 'manager', availability: 'active', labels: {} }],
    networks: [],
    configs: [],
    secrets: [],
    services: [],
    stacks: [],
  };
}

/**
 * The archive as another swarm holds it once restored there: every object with a new id, service references
 * with the new ids, the force-update counter moved on, the allocated VXLAN id another one.
 */
export function restoredElsewhere(clusterId: string): ClusterState {
  const source = sourceCluster();
  const newId = (id: string) => `x${id}x`;
  return {
    ...source,
    clusterId,
    nodes: freshCluster(clusterId).nodes,
    swarm: source.swarm === null ? null : { ...source.swarm, clusterId },
    networks: source.networks.map((n) => ({
      ...n,
      id: newId(n.id),
      spec: { ...n.spec, Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4242' } },
    })),
    configs: source.configs.map((c) => ({ ...c, id: newId(c.id) })),
    secrets: source.secrets.map((s) => ({ ...s, id: newId(s.id) })),
    services: source.services.map((s) => {
      const json = JSON.stringify(s.spec).replace(/"(net|sec|cfg)-([a-z]+)"/g, '"x$1-$2x"');
      const spec = JSON.parse(json) as ArchivedService['spec'] & { TaskTemplate: { ForceUpdate?: number } };
      spec.TaskTemplate.ForceUpdate = 3;
      const networkNames = Object.fromEntries(
        Object.entries(s.networkNames).map(([id, name]) => [newId(id), name]),
      );
      return { ...s, id: newId(s.id), spec, networkNames };
    }),
  };
}

export const ALL_SECRET_VALUES = new Map([
  ['shop_db-password', Buffer.from('s3cret-db')],
  ['api-token', Buffer.from('t0ken')],
]);
