import { describe, expect, it } from 'vitest';

import {
  convertDnsConfig,
  convertEnvironment,
  convertExtraHosts,
  convertLogging,
  convertShellCommand,
  convertUlimits,
  effectiveCapabilities,
} from './container-options.js';
import { createContext } from './context.js';

describe('container options', () => {
  it('splits string commands and passes lists', () => {
    const ctx = createContext('s', {}, {});
    expect(convertShellCommand(ctx, 'c', `sh -c 'echo hi'`)).toEqual(['sh', '-c', 'echo hi']);
    expect(convertShellCommand(ctx, 'c', ['a', 'b c'])).toEqual(['a', 'b c']);
    expect(convertShellCommand(ctx, 'c', [])).toBeUndefined();
    expect(convertShellCommand(ctx, 'c', null)).toBeUndefined();
    convertShellCommand(ctx, 'services.a.command', `echo 'oops`);
    expect(ctx.issues.items).toEqual([
      { path: 'services.a.command', message: 'unterminated quote or escape' },
    ]);
  });

  it('sorts environment and fills bare or empty variables from env, like docker', () => {
    const ctx = createContext('s', {}, { FROM_ENV: 'e', EMPTY_FROM_ENV: 'f' });
    expect(convertEnvironment(ctx, ['Z=1', 'A=2', 'FROM_ENV', 'EMPTY_FROM_ENV=', 'BARE', 'EMPTY='])).toEqual([
      'A=2',
      'BARE',
      'EMPTY=',
      'EMPTY_FROM_ENV=f',
      'FROM_ENV=e',
      'Z=1',
    ]);
    expect(convertEnvironment(ctx, { B: 1, A: true, C: null })).toEqual(['A=true', 'B=1', 'C']);
    expect(convertEnvironment(ctx, undefined)).toBeUndefined();
  });

  it('converts extra_hosts to "ip host" lines', () => {
    const ctx = createContext('s', {}, {});
    expect(convertExtraHosts(ctx, 'h', ['db:10.0.0.2', 'v6=[::1]', 'other:::2'])).toEqual([
      '10.0.0.2 db',
      '::1 v6',
      '::2 other',
    ]);
    expect(convertExtraHosts(ctx, 'h', { zeta: '1.1.1.1', alpha: '2.2.2.2' })).toEqual([
      '2.2.2.2 alpha',
      '1.1.1.1 zeta',
    ]);
  });

  it('builds DNSConfig, dropping nameservers that are not IPs', () => {
    expect(
      convertDnsConfig({ dns: ['8.8.8.8', 'not-an-ip', '2001:db8::1'], dns_search: 'example.com' }),
    ).toEqual({
      Nameservers: ['8.8.8.8', '2001:db8::1'],
      Search: ['example.com'],
    });
    expect(convertDnsConfig({ dns: '1.1.1.1' })).toEqual({ Nameservers: ['1.1.1.1'] });
    expect(convertDnsConfig({})).toBeUndefined();
  });

  it('computes effective capabilities like docker', () => {
    expect(effectiveCapabilities(['net_bind_service', 'CAP_CHOWN'], ['chown', 'MKNOD'])).toEqual({
      add: ['CAP_CHOWN', 'CAP_NET_BIND_SERVICE'],
      drop: ['CAP_MKNOD'],
    });
    expect(effectiveCapabilities(['all', 'chown'], ['ALL'])).toEqual({ add: ['ALL'], drop: [] });
  });

  it('converts ulimits sorted by name', () => {
    expect(convertUlimits({ nproc: 65535, nofile: { soft: 1024, hard: 2048 } })).toEqual([
      { Name: 'nofile', Soft: 1024, Hard: 2048 },
      { Name: 'nproc', Soft: 65535, Hard: 65535 },
    ]);
  });

  it('converts logging', () => {
    expect(
      convertLogging({ driver: 'json-file', options: { 'max-size': '10m', 'max-file': 3, tag: null } }),
    ).toEqual({
      Name: 'json-file',
      Options: { 'max-file': '3', 'max-size': '10m', tag: '' },
    });
    expect(convertLogging(undefined)).toBeUndefined();
  });
});
