import type Dockerode from 'dockerode';
import { describe, expect, it } from 'vitest';
import { missingRefs, referencedNames, resolveRefs } from './service-refs.js';

const spec = {
  Name: 'shop_api',
  TaskTemplate: {
    ContainerSpec: {
      Image: 'busybox',
      Configs: [{ ConfigName: 'shop_conf', ConfigID: 'old-c', File: { Name: '/conf' } }],
      Secrets: [{ SecretName: 'shop_key', File: { Name: 'key' } }],
    },
    Networks: [{ Target: 'shop_default', Aliases: ['api'] }],
  },
  Networks: [{ Target: 'legacy' }],
} as unknown as Dockerode.ServiceSpec;

describe('service references by name', () => {
  it('lists every network, config and secret name', () => {
    expect(referencedNames(spec)).toEqual({
      networks: ['legacy', 'shop_default'],
      configs: ['shop_conf'],
      secrets: ['shop_key'],
    });
  });

  it('names what is missing', () => {
    const available = {
      networks: new Set(['shop_default']),
      configs: new Set<string>(),
      secrets: new Set(['shop_key']),
    };
    expect(missingRefs(referencedNames(spec), available)).toEqual(['network legacy', 'config shop_conf']);
  });

  it('resolves names to this swarm ids', () => {
    const { spec: out, missing } = resolveRefs(spec, {
      networks: { shop_default: 'n1', legacy: 'n2' },
      configs: { shop_conf: 'c1' },
      secrets: { shop_key: 's1' },
    });
    expect(missing).toEqual([]);
    expect(out).toMatchObject({
      TaskTemplate: {
        Networks: [{ Target: 'n1', Aliases: ['api'] }],
        ContainerSpec: {
          Configs: [{ ConfigName: 'shop_conf', ConfigID: 'c1' }],
          Secrets: [{ SecretName: 'shop_key', SecretID: 's1' }],
        },
      },
      Networks: [{ Target: 'n2' }],
    });
  });

  it('reports unresolvable names', () => {
    const { missing } = resolveRefs(spec, { networks: {}, configs: {}, secrets: {} });
    expect(missing).toEqual([
      'network legacy',
      'network shop_default',
      'config shop_conf',
      'secret shop_key',
    ]);
  });
});
