import { describe, expect, it } from 'vitest';

import { createContext } from './context.js';
import type { ComposeFile, ComposeService } from './model.js';
import { convertNetworks, convertServiceNetworks, serviceNetworks } from './networks.js';

const file: ComposeFile = {
  networks: {
    front: {
      attachable: true,
      labels: ['tier=front'],
      driver_opts: { 'com.docker.network.driver.mtu': 1400 },
    },
    back: {
      internal: true,
      ipam: { driver: 'default', config: [{ subnet: '10.9.0.0/24', gateway: '10.9.0.1' }] },
    },
    ext: { external: true },
    named: { name: 'global-net' },
    legacy: { external: { name: 'old-net' } },
    hostnet: { external: true, name: 'host' },
    unused: {},
  },
};

describe('convertServiceNetworks', () => {
  const ctx = createContext('st', file, {});

  it('joins the default network when none is given, with the service name as alias', () => {
    expect(convertServiceNetworks(ctx, 'api', {})).toEqual([{ Target: 'st_default', Aliases: ['api'] }]);
    expect(convertServiceNetworks(ctx, 'api', { networks: [] })).toEqual([
      { Target: 'st_default', Aliases: ['api'] },
    ]);
  });

  it('converts list and map forms, sorted by target, aliases first then the service name', () => {
    const service: ComposeService = {
      networks: {
        front: { aliases: ['www'], driver_opts: { a: 1 } },
        back: null,
        ext: {},
        named: null,
        legacy: null,
      },
    };
    expect(convertServiceNetworks(ctx, 'api', service)).toEqual([
      { Target: 'ext', Aliases: ['api'] },
      { Target: 'global-net', Aliases: ['api'] },
      { Target: 'old-net', Aliases: ['api'] },
      { Target: 'st_back', Aliases: ['api'] },
      { Target: 'st_front', Aliases: ['www', 'api'], DriverOpts: { a: '1' } },
    ]);
  });

  it('adds no alias on the host network', () => {
    expect(convertServiceNetworks(ctx, 'api', { networks: ['hostnet'] })).toEqual([{ Target: 'host' }]);
  });

  it('names an undefined network', () => {
    const local = createContext('st', file, {});
    convertServiceNetworks(local, 'api', { networks: ['nope'] });
    expect(local.issues.items).toEqual([
      {
        path: 'services.api.networks.nope',
        message: 'undefined network "nope" (declare it under top-level networks)',
      },
    ]);
  });

  it('warns for attachment keys docker ignores', () => {
    const local = createContext('st', file, {});
    convertServiceNetworks(local, 'api', { networks: { front: { ipv4_address: '10.0.0.5' } } });
    expect(local.warnings).toEqual([
      expect.objectContaining({ path: 'services.api.networks.front.ipv4_address' }),
    ]);
  });
});

describe('convertNetworks', () => {
  it('creates only used networks, with overlay, stack labels, options and ipam subnets', () => {
    const ctx = createContext('st', file, {});
    const used = new Set(['default', 'front', 'back', 'ext', 'named']);
    expect(convertNetworks(ctx, used)).toEqual([
      { name: 'ext', fullName: 'ext', external: true, spec: null },
      {
        name: 'named',
        fullName: 'global-net',
        external: false,
        spec: { Name: 'global-net', Driver: 'overlay', Labels: { 'com.docker.stack.namespace': 'st' } },
      },
      {
        name: 'back',
        fullName: 'st_back',
        external: false,
        spec: {
          Name: 'st_back',
          Driver: 'overlay',
          Labels: { 'com.docker.stack.namespace': 'st' },
          Internal: true,
          IPAM: { Driver: 'default', Config: [{ Subnet: '10.9.0.0/24' }] },
        },
      },
      {
        name: 'default',
        fullName: 'st_default',
        external: false,
        spec: { Name: 'st_default', Driver: 'overlay', Labels: { 'com.docker.stack.namespace': 'st' } },
      },
      {
        name: 'front',
        fullName: 'st_front',
        external: false,
        spec: {
          Name: 'st_front',
          Driver: 'overlay',
          Labels: { 'com.docker.stack.namespace': 'st', tier: 'front' },
          Options: { 'com.docker.network.driver.mtu': '1400' },
          Attachable: true,
        },
      },
    ]);
    expect(ctx.warnings).toEqual([expect.objectContaining({ path: 'networks.back.ipam.config[0].gateway' })]);
  });

  it('names an invalid subnet', () => {
    const ctx = createContext(
      'st',
      { networks: { n: { ipam: { config: [{ subnet: '10.0.0.0/33' }, { subnet: 'x' }] } } } },
      {},
    );
    convertNetworks(ctx, new Set(['n']));
    expect(ctx.issues.items.map((i) => i.path)).toEqual([
      'networks.n.ipam.config[0].subnet',
      'networks.n.ipam.config[1].subnet',
    ]);
  });

  it('lists the networks a service joins', () => {
    expect([...serviceNetworks({ networks: ['a', 'b'] }).keys()]).toEqual(['a', 'b']);
    expect([...serviceNetworks({}).keys()]).toEqual(['default']);
  });
});
