import type { ArchiveContents } from '../domain/cluster-state.js';

/**
 * A small but complete cluster state (a stack with a network, config, secret and two versions, plus a
 * standalone service) for archive tests. Shaped like what capture reads from `docker ... inspect`.
 */
export function sampleContents(): ArchiveContents {
  const labels = { 'com.docker.stack.namespace': 'shop' };
  return {
    clusterId: 'k2p7x9c4ud1wq8m3r5t6y0zabc',
    swarm: {
      clusterId: 'k2p7x9c4ud1wq8m3r5t6y0zabc',
      createdAt: '2026-11-01T10:00:00.000Z',
      spec: {
        Name: 'default',
        Orchestration: { TaskHistoryRetentionLimit: 5 },
        Raft: { SnapshotInterval: 10000 },
      },
    },
    nodes: [
      {
        id: 'n1odeid0000000000000000aa',
        hostname: 'node-1',
        role: 'manager',
        availability: 'active',
        labels: { zone: 'a' },
      },
    ],
    networks: [
      {
        id: 'net0000000000000000000001',
        name: 'shop_backend',
        stack: 'shop',
        spec: { Name: 'shop_backend', Driver: 'overlay', Scope: 'swarm', Attachable: false, Labels: labels },
      },
    ],
    configs: [
      {
        id: 'cfg0000000000000000000001',
        name: 'shop_nginx',
        stack: 'shop',
        spec: { Name: 'shop_nginx', Data: Buffer.from('listen 80;\n').toString('base64'), Labels: labels },
        createdAt: '2026-11-02T10:00:00.000Z',
      },
    ],
    secrets: [
      {
        id: 'sec0000000000000000000001',
        name: 'shop_db_password',
        stack: 'shop',
        spec: { Name: 'shop_db_password', Labels: labels },
        createdAt: '2026-11-02T10:00:00.000Z',
      },
    ],
    services: [
      {
        id: 'svc0000000000000000000001',
        name: 'shop_api',
        stack: 'shop',
        spec: {
          Name: 'shop_api',
          Labels: labels,
          TaskTemplate: {
            ContainerSpec: {
              Image: 'swarmops/busybox:test',
              Args: ['httpd', '-f'],
              Configs: [
                {
                  ConfigID: 'cfg0000000000000000000001',
                  ConfigName: 'shop_nginx',
                  File: { Name: '/etc/nginx.conf' },
                },
              ],
              Secrets: [
                {
                  SecretID: 'sec0000000000000000000001',
                  SecretName: 'shop_db_password',
                  File: { Name: 'db' },
                },
              ],
            },
            Networks: [{ Target: 'net0000000000000000000001', Aliases: ['api'] }],
            Placement: { Constraints: ['node.labels.zone == a'] },
          },
          Mode: { Replicated: { Replicas: 2 } },
        },
        networkNames: { net0000000000000000000001: 'shop_backend' },
        createdAt: '2026-11-02T10:00:00.000Z',
      },
      {
        id: 'svc0000000000000000000002',
        name: 'standalone',
        stack: null,
        spec: {
          Name: 'standalone',
          TaskTemplate: { ContainerSpec: { Image: 'swarmops/busybox:test' } },
          Mode: { Global: {} },
        },
        networkNames: {},
        createdAt: null,
      },
    ],
    stacks: [
      {
        name: 'shop',
        versions: [
          {
            version: 1,
            compose: 'services:\n  api:\n    image: swarmops/busybox:test\n',
            env: {},
            strategy: 'rolling',
            deployedAt: '2026-11-02T10:00:00.000Z',
          },
          {
            version: 2,
            compose: 'services:\n  api:\n    image: swarmops/busybox:test\n    deploy: {replicas: 2}\n',
            env: { TAG: 'test' },
            strategy: 'rolling',
            deployedAt: '2026-11-03T10:00:00.000Z',
          },
        ],
        services: ['shop_api'],
      },
    ],
    database: Buffer.from('PGDMP\u0001fake custom-format dump'),
  };
}

/** Metadata for {@link sampleContents}. */
export const SAMPLE_META = {
  backupId: '20261127T224100Z-3f9a1c2b',
  clusterId: 'k2p7x9c4ud1wq8m3r5t6y0zabc',
  createdAt: '2026-11-27T22:41:00.000Z',
  swarmopsVersion: '0.1.0',
  stacks: null,
} as const;
