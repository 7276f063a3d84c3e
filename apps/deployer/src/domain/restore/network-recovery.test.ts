import { describe, expect, it } from 'vitest';
import {
  isNameTaken,
  networkCreateBody,
  nextNetworkMove,
  notFoundNetworkIds,
  staleNetworks,
} from './network-recovery.js';

const ENGINE_ERROR = '(HTTP code 500) server error - network lf2muqgm9px7bkcj7z8dwdpvn not found ';

describe('network recovery', () => {
  it('reads the ids of networks the engine says are not found', () => {
    expect(notFoundNetworkIds(ENGINE_ERROR)).toEqual(['lf2muqgm9px7bkcj7z8dwdpvn']);
    expect(notFoundNetworkIds('network a1 not found; network b2 not found; network a1 not found')).toEqual([
      'a1',
      'b2',
    ]);
    expect(notFoundNetworkIds('(HTTP code 404) no such service - service x not found')).toEqual([]);
  });

  it('tells a taken network name from other failures', () => {
    expect(isNameTaken(409, 'network with name shop_default already exists')).toBe(true);
    expect(isNameTaken(undefined, 'Error response from daemon: network with name x already exists')).toBe(
      true,
    );
    expect(isNameTaken(400, 'invalid subnet')).toBe(false);
    expect(isNameTaken(500, 'network x not found')).toBe(false);
  });

  it('names the referenced networks whose listed id the engine no longer has', () => {
    const ids = { shop_default: 'lf2muqgm9px7bkcj7z8dwdpvn', shared: 'zzz999' };
    expect(staleNetworks(['shared', 'shop_default'], ids, ENGINE_ERROR)).toEqual([
      { name: 'shop_default', staleId: 'lf2muqgm9px7bkcj7z8dwdpvn' },
    ]);
    expect(staleNetworks(['shop_default'], ids, 'network lf2muqgm9px7 not found')).toEqual([
      { name: 'shop_default', staleId: 'lf2muqgm9px7bkcj7z8dwdpvn' },
    ]);
    expect(staleNetworks(['shared', 'gone'], ids, ENGINE_ERROR)).toEqual([]);
    expect(staleNetworks(['shop_default'], ids, 'image not found')).toEqual([]);
  });

  it('creates a missing network, waits for a stale one to go, and uses any other listed id', () => {
    const stale = new Set(['old']);
    expect(nextNetworkMove([], stale)).toEqual({ action: 'create' });
    expect(nextNetworkMove(['old'], stale)).toEqual({ action: 'wait' });
    expect(nextNetworkMove(['old', 'new'], stale)).toEqual({ action: 'use', id: 'new' });
    expect(nextNetworkMove(['live'], new Set())).toEqual({ action: 'use', id: 'live' });
  });

  it('builds the create body from the create fields only, refusing a duplicate name', () => {
    expect(
      networkCreateBody('shop_default', {
        Name: 'other',
        Driver: 'overlay',
        Attachable: true,
        Labels: { a: 'b' },
        Id: 'x',
        Containers: {},
      }),
    ).toEqual({
      Name: 'shop_default',
      CheckDuplicate: true,
      Driver: 'overlay',
      Attachable: true,
      Labels: { a: 'b' },
    });
  });
});
