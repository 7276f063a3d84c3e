import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { withRollingDefaults } from './rolling-defaults.js';
import { temporaryName, temporarySpec } from './temporary-spec.js';

const base = (endpoint: Dockerode.ServiceSpec['EndpointSpec']): Dockerode.ServiceSpec => ({
  Name: 'shop_web',
  Labels: { 'com.docker.stack.namespace': 'shop', 'com.docker.stack.image': 'web:2' },
  TaskTemplate: {
    ContainerSpec: { Image: 'web:2' },
    Networks: [{ Target: 'shop_default', Aliases: ['web'] }],
  },
  Mode: { Replicated: { Replicas: 3 } },
  UpdateConfig: { Parallelism: 1, Order: 'stop-first' },
  EndpointSpec: endpoint,
});

describe('temporarySpec', () => {
  it('VIP: the green copy keeps the networks and aliases, its own VIP, and the replica count', () => {
    const spec = temporarySpec(base({ Mode: 'vip' }), 'green', 3);
    expect(spec.Name).toBe('shop_web--green');
    expect(spec.TaskTemplate).toEqual(base(undefined).TaskTemplate);
    expect(spec.EndpointSpec).toEqual({ Mode: 'vip' });
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 3 } });
    expect(spec.Labels).toMatchObject({ 'com.docker.stack.namespace': 'shop', 'com.swarmops.role': 'green' });
    expect(spec.UpdateConfig).toBeUndefined();
  });

  it('dnsrr: the canary runs its own replica count in dnsrr mode under the same alias', () => {
    const spec = temporarySpec(base({ Mode: 'dnsrr' }), 'canary', 1);
    expect(spec.Name).toBe('shop_web--canary');
    expect(spec.EndpointSpec).toEqual({ Mode: 'dnsrr' });
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 1 } });
    expect(spec.TaskTemplate).toMatchObject({ Networks: [{ Target: 'shop_default', Aliases: ['web'] }] });
  });

  it('ingress and host ports stay on the canonical service', () => {
    const ports = [
      { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' },
      { Protocol: 'tcp', TargetPort: 9090, PublishedPort: 9090, PublishMode: 'host' },
    ] as const;
    const canonical = base({ Mode: 'vip', Ports: [...ports] });
    expect(temporarySpec(canonical, 'green', 3).EndpointSpec).toEqual({ Mode: 'vip' });
    expect(temporarySpec(canonical, 'canary', 1).EndpointSpec).toEqual({ Mode: 'vip' });
    expect(canonical.EndpointSpec?.Ports).toHaveLength(2);
  });

  it('a green copy of a global service is global; a canary of it is replicated', () => {
    const global = { ...base(undefined), Mode: { Global: {} } };
    expect(temporarySpec(global, 'green', 0).Mode).toEqual({ Global: {} });
    expect(temporarySpec(global, 'canary', 2).Mode).toEqual({ Replicated: { Replicas: 2 } });
    expect(temporarySpec(global, 'green', 0).EndpointSpec).toBeUndefined();
  });

  it('names temporaries beside the canonical one', () => {
    expect(temporaryName('a_b', 'green')).toBe('a_b--green');
  });
});

describe('switch order of the canonical update', () => {
  it('is start-first, but stop-first for host-mode ports (one task per node holds the port)', () => {
    const vip = withRollingDefaults({ ...base({ Mode: 'vip' }), UpdateConfig: undefined }, null);
    expect(vip.UpdateConfig?.Order).toBe('start-first');
    const host = withRollingDefaults(
      {
        ...base({ Ports: [{ TargetPort: 80, PublishedPort: 80, PublishMode: 'host' }] }),
        UpdateConfig: undefined,
      },
      null,
    );
    expect(host.UpdateConfig?.Order).toBe('stop-first');
    expect(host.RollbackConfig?.Order).toBe('stop-first');
  });
});
