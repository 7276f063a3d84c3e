import { describe, expect, it } from 'vitest';
import {
  ArchivedConfigSchema,
  ArchivedNetworkSchema,
  ArchivedNodeSchema,
  ArchivedSecretSchema,
  ArchivedServiceSchema,
  ArchivedStackSchema,
  ArchivedSwarmSchema,
  AppError,
} from '@swarmops/contracts';
import type { ArchivedStackVersion } from '@swarmops/contracts';
import { STACK_LABEL } from '../domain/cluster-state.js';
import { buildClusterState } from './build-cluster-state.js';
import type { CaptureReads } from './build-cluster-state.js';
import type { RawNetwork, RawService } from './raw-docker.js';

const overlay = (id: string, name: string, labels: Record<string, string> = {}): RawNetwork => ({
  Id: id,
  Name: name,
  Driver: 'overlay',
  Scope: 'swarm',
  Ingress: false,
  Attachable: true,
  Internal: false,
  EnableIPv6: false,
  IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '10.3.60.0/24', Gateway: '10.3.60.1' }] },
  ConfigFrom: { Network: '' },
  ConfigOnly: false,
  Containers: null,
  Created: '2026-11-27T17:50:29.745255782Z',
  Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4953', 'custom.opt': 'x' },
  Labels: labels,
});

const service = (
  id: string,
  name: string,
  extra: Record<string, unknown> = {},
  stack?: string,
): RawService => ({
  ID: id,
  CreatedAt: '2026-11-27T22:53:05.751021933Z',
  Spec: {
    Name: name,
    Labels: stack === undefined ? {} : { [STACK_LABEL]: stack },
    TaskTemplate: { ContainerSpec: { Image: 'swarmops/busybox:test', Isolation: 'default' }, ForceUpdate: 0 },
    Mode: { Replicated: { Replicas: 1 } },
    ...extra,
  },
});

const version = (n: number): ArchivedStackVersion => ({
  version: n,
  compose: `services: {} # v${n}`,
  env: {},
  strategy: 'rolling',
  deployedAt: `2026-11-2${n}T10:00:00.000Z`,
});

function reads(): CaptureReads {
  return {
    swarm: {
      ID: 'cluster-1',
      CreatedAt: '2026-11-27T14:22:27.607333355Z',
      Spec: {
        Name: 'default',
        Labels: {},
        Orchestration: { TaskHistoryRetentionLimit: 5 },
        CAConfig: { NodeCertExpiry: 7776000000000000, SigningCACert: 'CERT', SigningCAKey: 'KEY' },
      },
      ...{
        JoinTokens: { Worker: 'SWMTKN-1-worker', Manager: 'SWMTKN-1-manager' },
        TLSInfo: { TrustRoot: 'PEM' },
      },
    },
    nodes: [
      {
        ID: 'n2',
        Description: { Hostname: 'worker-b' },
        Spec: { Role: 'worker', Availability: 'drain', Labels: {} },
      },
      {
        ID: 'n1',
        Description: { Hostname: 'manager-a' },
        Spec: { Role: 'manager', Availability: 'active', Labels: { zone: 'a' } },
      },
    ],
    networks: [
      overlay('net-shop', 'shop_front', { [STACK_LABEL]: 'shop' }),
      overlay('net-ext', 'shared-ext'),
      overlay('net-other', 'blog_default', { [STACK_LABEL]: 'blog' }),
      { ...overlay('net-ingress', 'ingress'), Ingress: true },
      { ...overlay('net-in2', 'my-ingress'), Ingress: true },
      { Id: 'net-bridge', Name: 'bridge', Driver: 'bridge', Scope: 'local' },
      { Id: 'net-local', Name: 'compose_local', Driver: 'bridge', Scope: 'local' },
      { Id: 'net-gw', Name: 'docker_gwbridge', Driver: 'bridge', Scope: 'local' },
    ],
    configs: [
      { ID: 'cfg-shop', Spec: { Name: 'shop_conf', Labels: { [STACK_LABEL]: 'shop' }, Data: 'eAo=' } },
      { ID: 'cfg-shared', Spec: { Name: 'shared_conf', Labels: {}, Data: 'eQo=' } },
      { ID: 'cfg-blog', Spec: { Name: 'blog_conf', Labels: { [STACK_LABEL]: 'blog' }, Data: 'ego=' } },
    ],
    secrets: [
      { ID: 'sec-shop', Spec: { Name: 'shop_pw', Labels: { [STACK_LABEL]: 'shop' } } },
      { ID: 'sec-shared', Spec: { Name: 'shared_pw', Labels: {}, Data: 'c2VjcmV0' } },
      { ID: 'sec-unused', Spec: { Name: 'unused_pw', Labels: {} } },
    ],
    services: [
      service(
        's-web',
        'shop_web',
        {
          TaskTemplate: {
            ContainerSpec: {
              Image: 'swarmops/busybox:test',
              Configs: [{ ConfigID: 'cfg-shared', ConfigName: 'shared_conf', File: { Name: '/c' } }],
              Secrets: [{ SecretID: 'sec-shared', SecretName: 'shared_pw', File: { Name: 's' } }],
            },
            Networks: [{ Target: 'net-shop' }, { Target: 'net-gone' }],
          },
          Networks: [{ Target: 'net-ext' }],
        },
        'shop',
      ),
      service('s-blog', 'blog_app', {}, 'blog'),
      service('s-solo', 'standalone'),
    ],
    versions: new Map([
      ['shop', [version(1), version(2)]],
      ['gone', [version(1)]],
    ]),
  };
}

describe('buildClusterState', () => {
  it('keeps the swarm spec without join tokens or CA key material', () => {
    const state = buildClusterState(reads(), null);
    expect(state.clusterId).toBe('cluster-1');
    expect(state.swarm).toEqual({
      clusterId: 'cluster-1',
      createdAt: '2026-11-27T14:22:27.607333355Z',
      spec: {
        Name: 'default',
        Labels: {},
        Orchestration: { TaskHistoryRetentionLimit: 5 },
        CAConfig: { NodeCertExpiry: 7776000000000000 },
      },
    });
    expect(JSON.stringify(state)).not.toMatch(/SWMTKN|KEY|CERT|PEM/);
    ArchivedSwarmSchema.parse(state.swarm);
  });

  it('keeps nodes by hostname with role, availability and labels', () => {
    const { nodes } = buildClusterState(reads(), null);
    for (const n of nodes) ArchivedNodeSchema.parse(n);
    expect(nodes).toEqual([
      { id: 'n1', hostname: 'manager-a', role: 'manager', availability: 'active', labels: { zone: 'a' } },
      { id: 'n2', hostname: 'worker-b', role: 'worker', availability: 'drain', labels: {} },
    ]);
  });

  it('skips default, ingress and node-local networks and drops the allocated VXLAN id', () => {
    const { networks } = buildClusterState(reads(), null);
    expect(networks.map((n) => n.name)).toEqual(['blog_default', 'shared-ext', 'shop_front']);
    const shop = networks.find((n) => n.name === 'shop_front');
    expect(shop).toEqual({
      id: 'net-shop',
      name: 'shop_front',
      stack: 'shop',
      spec: {
        Name: 'shop_front',
        Driver: 'overlay',
        Scope: 'swarm',
        Attachable: true,
        Internal: false,
        Ingress: false,
        IPAM: {
          Driver: 'default',
          Options: null,
          Config: [{ Subnet: '10.3.60.0/24', Gateway: '10.3.60.1' }],
        },
        Options: { 'custom.opt': 'x' },
        Labels: { [STACK_LABEL]: 'shop' },
        EnableIPv6: false,
        ConfigOnly: false,
        ConfigFrom: { Network: '' },
      },
    });
    for (const n of networks) ArchivedNetworkSchema.parse(n);
  });

  it('keeps config data and never a secret value', () => {
    const { configs, secrets } = buildClusterState(reads(), null);
    expect(configs.find((c) => c.name === 'shop_conf')).toEqual({
      id: 'cfg-shop',
      name: 'shop_conf',
      stack: 'shop',
      spec: { Name: 'shop_conf', Labels: { [STACK_LABEL]: 'shop' }, Data: 'eAo=' },
      createdAt: null,
    });
    expect(secrets.find((s) => s.name === 'shared_pw')?.spec).toEqual({ Name: 'shared_pw', Labels: {} });
    for (const c of configs) ArchivedConfigSchema.parse(c);
    for (const s of secrets) ArchivedSecretSchema.parse(s);
  });

  it('keeps a service spec unchanged and names every network it attaches to', () => {
    const raw = reads();
    const { services } = buildClusterState(raw, null);
    const web = services.find((s) => s.name === 'shop_web');
    expect(web?.spec).toEqual(raw.services[0]?.Spec);
    expect(web?.stack).toBe('shop');
    expect(web?.networkNames).toEqual({ 'net-shop': 'shop_front', 'net-ext': 'shared-ext' });
    expect(services.map((s) => s.name)).toEqual(['blog_app', 'shop_web', 'standalone']);
    expect(services.find((s) => s.name === 'standalone')?.stack).toBeNull();
    for (const s of services) ArchivedServiceSchema.parse(s);
  });

  it('lists every stack with live objects or recorded versions, versions oldest first', () => {
    const { stacks } = buildClusterState(reads(), null);
    expect(stacks).toEqual([
      { name: 'blog', versions: [], services: ['blog_app'] },
      { name: 'gone', versions: [version(1)], services: [] },
      { name: 'shop', versions: [version(1), version(2)], services: ['shop_web'] },
    ]);
    for (const s of stacks) ArchivedStackSchema.parse(s);
  });

  it('with stacks, keeps those stacks and what their services use, and leaves others and standalone out', () => {
    const state = buildClusterState(reads(), ['shop']);
    expect(state.services.map((s) => s.name)).toEqual(['shop_web']);
    expect(state.networks.map((n) => n.name)).toEqual(['shared-ext', 'shop_front']);
    expect(state.configs.map((c) => c.name)).toEqual(['shared_conf', 'shop_conf']);
    expect(state.secrets.map((s) => s.name)).toEqual(['shared_pw', 'shop_pw']);
    expect(state.stacks.map((s) => s.name)).toEqual(['shop']);
    expect(state.nodes).toHaveLength(2);
    expect(state.swarm).not.toBeNull();
  });

  it('refuses a stack that does not exist, naming it', () => {
    const attempt = () => buildClusterState(reads(), ['shop', 'shpo']);
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/no stack named shpo/);
  });

  it('accepts a stack known only from its recorded versions', () => {
    const state = buildClusterState(reads(), ['gone']);
    expect(state.services).toEqual([]);
    expect(state.stacks).toEqual([{ name: 'gone', versions: [version(1)], services: [] }]);
  });

  it('captures the same cluster the same way whatever order the engine lists it in', () => {
    const shuffled = reads();
    shuffled.services.reverse();
    shuffled.networks.reverse();
    shuffled.configs.reverse();
    shuffled.secrets.reverse();
    shuffled.nodes.reverse();
    expect(buildClusterState(shuffled, null)).toEqual(buildClusterState(reads(), null));
  });
});
