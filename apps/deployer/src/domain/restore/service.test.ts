import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { planServiceRestore, sameData } from './service.js';

const byName = {
  Name: 'shop_api',
  Labels: { tier: 'api' },
  TaskTemplate: {
    ContainerSpec: {
      Image: 'busybox',
      Secrets: [{ SecretName: 'shop_key', File: { Name: 'key', UID: '0', GID: '0', Mode: 292 } }],
    },
    Networks: [{ Target: 'shop_default' }],
  },
  Mode: { Replicated: { Replicas: 2 } },
} as unknown as Dockerode.ServiceSpec;

// As `docker service inspect` returns it on the target swarm: ids, defaults filled in, a force-update count.
const live = {
  ...byName,
  TaskTemplate: {
    ContainerSpec: {
      Image: 'busybox',
      Isolation: 'default',
      Secrets: [
        { SecretName: 'shop_key', SecretID: 'x1', File: { Name: 'key', UID: '0', GID: '0', Mode: 292 } },
      ],
    },
    Networks: [{ Target: 'net-id-1' }],
    ForceUpdate: 3,
    Runtime: 'container',
  },
  EndpointSpec: { Mode: 'vip' },
} as unknown as Dockerode.ServiceSpec;

describe('planServiceRestore', () => {
  it('creates a missing service', () => {
    expect(planServiceRestore(null, byName, {})).toEqual({ action: 'create' });
  });

  it('is unchanged when the live spec means the same (ids by name, engine defaults, force count)', () => {
    expect(planServiceRestore(live, byName, { 'net-id-1': 'shop_default' })).toEqual({ action: 'unchanged' });
  });

  it('updates with the changed fields when the specs differ', () => {
    const scaled = { ...live, Mode: { Replicated: { Replicas: 5 } } };
    expect(planServiceRestore(scaled, byName, { 'net-id-1': 'shop_default' })).toEqual({
      action: 'update',
      changes: [{ path: 'Mode.Replicated.Replicas', old: 5, new: 2 }],
    });
  });
});

describe('sameData', () => {
  it('compares the decoded bytes', () => {
    expect(sameData(Buffer.from('a').toString('base64'), 'YQ==')).toBe(true);
    expect(sameData('YQ==', 'Yg==')).toBe(false);
  });
});
