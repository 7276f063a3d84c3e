import { describe, expect, it } from 'vitest';
import {
  normalizeConfigSpec,
  normalizeNetworkSpec,
  normalizeSecretSpec,
  normalizeServiceSpec,
} from './normalize-spec.js';

// Both specs below were recorded from Docker 20.10 (API 1.41): `sent` is what a client posted to
// /services/create, `inspected` is `.Spec` of `docker service inspect` right after.
const sent = {
  Name: 'shop_api',
  Labels: { 'com.docker.stack.namespace': 'shop' },
  TaskTemplate: {
    ContainerSpec: {
      Image: 'swarmops/busybox:test',
      Command: ['sleep', '3600'],
      Secrets: [{ File: { Name: 'sec', UID: '0', GID: '0', Mode: 292 }, SecretName: 'shop_sec' }],
      Configs: [{ File: { Name: '/cfg', UID: '0', GID: '0', Mode: 292 }, ConfigName: 'shop_cfg' }],
    },
    Resources: { Limits: {}, Reservations: {} },
    Placement: { Constraints: ['node.role==manager'] },
    Networks: [{ Target: 'shop_default', Aliases: ['api'] }],
  },
  Mode: { Replicated: { Replicas: 0 } },
  UpdateConfig: { Parallelism: 1 },
  EndpointSpec: { Ports: [{ TargetPort: 80, PublishedPort: 18999 }] },
};

const inspected = {
  Name: 'shop_api',
  Labels: { 'com.docker.stack.namespace': 'shop' },
  TaskTemplate: {
    ContainerSpec: {
      Image: 'swarmops/busybox:test',
      Command: ['sleep', '3600'],
      Secrets: [
        {
          File: { Name: 'sec', UID: '0', GID: '0', Mode: 292 },
          SecretID: 'mepa21ut4txhn5uiyjcgkne7h',
          SecretName: 'shop_sec',
        },
      ],
      Configs: [
        {
          File: { Name: '/cfg', UID: '0', GID: '0', Mode: 292 },
          ConfigID: 'pw67l83oj2l8sspezx5pj8799',
          ConfigName: 'shop_cfg',
        },
      ],
      Isolation: 'default',
    },
    Resources: { Limits: {}, Reservations: {} },
    Placement: { Constraints: ['node.role==manager'] },
    Networks: [{ Target: '5bhg0d1d0rkts3o63s6sjz6d7', Aliases: ['api'] }],
    ForceUpdate: 0,
    Runtime: 'container',
  },
  Mode: { Replicated: { Replicas: 0 } },
  UpdateConfig: { Parallelism: 1, FailureAction: 'pause', MaxFailureRatio: 0, Order: 'stop-first' },
  EndpointSpec: {
    Mode: 'vip',
    Ports: [{ Protocol: 'tcp', PublishMode: 'ingress', PublishedPort: 18999, TargetPort: 80 }],
  },
};

const networkNames = { '5bhg0d1d0rkts3o63s6sjz6d7': 'shop_default' };

describe('normalizeServiceSpec', () => {
  it('makes a spec sent by name equal to what the engine returns for it', () => {
    expect(normalizeServiceSpec(inspected, { networkNames })).toEqual(normalizeServiceSpec(sent));
  });

  it('replaces network ids by names and drops secret and config ids', () => {
    const n = normalizeServiceSpec(inspected, { networkNames });
    expect(n['TaskTemplate']).toMatchObject({ Networks: [{ Target: 'shop_default', Aliases: ['api'] }] });
    expect(JSON.stringify(n)).not.toMatch(/SecretID|ConfigID|ForceUpdate|Isolation|Runtime/);
  });

  it('equals across clusters where only the ids differ', () => {
    const other = structuredClone(inspected);
    other.TaskTemplate.Networks[0]!.Target = 'zzzzzzzzzzzzzzzzzzzzzzzzz';
    other.TaskTemplate.ContainerSpec.Secrets[0]!.SecretID = 'other-secret-id';
    other.TaskTemplate.ForceUpdate = 3;
    const a = normalizeServiceSpec(inspected, { networkNames });
    const b = normalizeServiceSpec(other, { networkNames: { zzzzzzzzzzzzzzzzzzzzzzzzz: 'shop_default' } });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('keeps a network id it cannot name', () => {
    const n = normalizeServiceSpec(inspected);
    expect(n['TaskTemplate']).toMatchObject({ Networks: [{ Target: '5bhg0d1d0rkts3o63s6sjz6d7' }] });
  });

  it('merges the deprecated top-level Networks into the task template, sorted by name', () => {
    const n = normalizeServiceSpec(
      {
        Name: 'x',
        TaskTemplate: { ContainerSpec: { Image: 'i' }, Networks: [{ Target: 'id-b' }] },
        Networks: [{ Target: 'a_net', Aliases: ['z', 'y'] }],
      },
      { networkNames: { 'id-b': 'b_net' } },
    );
    expect(n['TaskTemplate']).toEqual({
      ContainerSpec: { Image: 'i' },
      Networks: [{ Target: 'a_net', Aliases: ['y', 'z'] }, { Target: 'b_net' }],
    });
    expect(n).not.toHaveProperty('Networks');
  });

  it('sorts secrets, configs and constraints but keeps the order of env and command', () => {
    const spec = {
      Name: 'x',
      TaskTemplate: {
        ContainerSpec: {
          Image: 'i',
          Env: ['B=2', 'A=1'],
          Secrets: [{ SecretName: 'b' }, { SecretName: 'a' }],
          Configs: [
            { ConfigName: 'c', File: { Name: '/2' } },
            { ConfigName: 'c', File: { Name: '/1' } },
          ],
        },
        Placement: { Constraints: ['node.role==worker', 'node.labels.a==1'] },
      },
    };
    const n = normalizeServiceSpec(spec);
    expect(n['TaskTemplate']).toEqual({
      ContainerSpec: {
        Image: 'i',
        Env: ['B=2', 'A=1'],
        Secrets: [{ SecretName: 'a' }, { SecretName: 'b' }],
        Configs: [
          { ConfigName: 'c', File: { Name: '/1' } },
          { ConfigName: 'c', File: { Name: '/2' } },
        ],
      },
      Placement: { Constraints: ['node.labels.a==1', 'node.role==worker'] },
    });
  });

  it('keeps the mode: global stays, replicated without a count means 1, no mode means 1 replica', () => {
    const base = { Name: 'x', TaskTemplate: { ContainerSpec: { Image: 'i' } } };
    expect(normalizeServiceSpec({ ...base, Mode: { Global: {} } })['Mode']).toEqual({ Global: {} });
    expect(normalizeServiceSpec({ ...base, Mode: { Replicated: {} } })['Mode']).toEqual({
      Replicated: { Replicas: 1 },
    });
    expect(normalizeServiceSpec(base)['Mode']).toEqual({ Replicated: { Replicas: 1 } });
    expect(normalizeServiceSpec({ ...base, Mode: { Replicated: { Replicas: 0 } } })['Mode']).toEqual({
      Replicated: { Replicas: 0 },
    });
  });

  it('keeps zeros, false and empty label values that mean something', () => {
    const n = normalizeServiceSpec({
      Name: 'x',
      Labels: { tier: '' },
      TaskTemplate: { ContainerSpec: { Image: 'i', StopGracePeriod: 0, Init: false } },
    });
    expect(n).toMatchObject({
      Labels: { tier: '' },
      TaskTemplate: { ContainerSpec: { StopGracePeriod: 0, Init: false } },
    });
  });

  it('treats MaxAttempts 0, which the engine fills in for a restart policy, as unset (both mean unlimited)', () => {
    const spec = (policy: Record<string, unknown>) => ({
      Name: 'x',
      TaskTemplate: { ContainerSpec: { Image: 'i' }, RestartPolicy: policy },
    });
    expect(normalizeServiceSpec(spec({ Condition: 'any', MaxAttempts: 0 }))).toEqual(
      normalizeServiceSpec(spec({ Condition: 'any' })),
    );
    expect(normalizeServiceSpec(spec({ Condition: 'any', MaxAttempts: 3 }))).not.toEqual(
      normalizeServiceSpec(spec({ Condition: 'any' })),
    );
  });

  it('reports a real difference: a changed image, replicas or non-default update order', () => {
    const changed = structuredClone(inspected);
    changed.TaskTemplate.ContainerSpec.Image = 'swarmops/busybox:other';
    expect(normalizeServiceSpec(changed, { networkNames })).not.toEqual(
      normalizeServiceSpec(inspected, { networkNames }),
    );
    const ordered = structuredClone(inspected);
    ordered.UpdateConfig.Order = 'start-first';
    expect(normalizeServiceSpec(ordered, { networkNames })['UpdateConfig']).toEqual({
      Order: 'start-first',
      Parallelism: 1,
    });
  });

  it('sorts keys at every level and does not change its input', () => {
    const copy = structuredClone(inspected);
    const n = normalizeServiceSpec(inspected, { networkNames });
    expect(Object.keys(n)).toEqual([...Object.keys(n)].sort());
    expect(inspected).toEqual(copy);
  });
});

describe('normalizeNetworkSpec', () => {
  // `docker network inspect` of an overlay created with {Name, Driver: overlay, Attachable: true, Labels}.
  const inspectedNetwork = {
    Name: 'shop_default',
    Id: '5bhg0d1d0rkts3o63s6sjz6d7',
    Created: '2026-11-27T22:51:26.904118087Z',
    Scope: 'swarm',
    Driver: 'overlay',
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: [{ Subnet: '10.0.1.0/24', Gateway: '10.0.1.1' }] },
    Internal: false,
    Attachable: true,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: null,
    Options: { 'com.docker.network.driver.overlay.vxlanid_list': '4097' },
    Labels: { 'com.docker.stack.namespace': 'shop' },
  };

  it('keeps the create fields and drops state, false, defaults and the allocated vxlan id', () => {
    expect(normalizeNetworkSpec(inspectedNetwork)).toEqual({
      Attachable: true,
      Driver: 'overlay',
      IPAM: { Config: [{ Gateway: '10.0.1.1', Subnet: '10.0.1.0/24' }] },
      Labels: { 'com.docker.stack.namespace': 'shop' },
      Name: 'shop_default',
      Scope: 'swarm',
    });
  });

  it('tells an internal network from an attachable one', () => {
    const internal = { ...inspectedNetwork, Internal: true };
    expect(normalizeNetworkSpec(internal)).not.toEqual(normalizeNetworkSpec(inspectedNetwork));
  });
});

describe('normalizeConfigSpec and normalizeSecretSpec', () => {
  it('compares configs by name, labels, data and templating', () => {
    const a = { Name: 'c', Labels: {}, Data: 'aGVsbG8=' };
    expect(normalizeConfigSpec(a)).toEqual({ Data: 'aGVsbG8=', Name: 'c' });
    expect(normalizeConfigSpec({ ...a, Data: 'b3RoZXI=' })).not.toEqual(normalizeConfigSpec(a));
  });

  it('never carries a secret value', () => {
    expect(normalizeSecretSpec({ Name: 's', Data: 'c2VjcmV0', Labels: { a: 'b' } })).toEqual({
      Labels: { a: 'b' },
      Name: 's',
    });
  });
});
