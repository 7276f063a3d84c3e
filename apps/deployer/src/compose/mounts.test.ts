import { describe, expect, it } from 'vitest';

import { createContext } from './context.js';
import type { ComposeFile } from './model.js';
import { convertMounts } from './mounts.js';
import { parseVolumeSpec } from './volume-spec.js';

function convert(volumes: unknown[], file: ComposeFile = {}, env: Record<string, string> = {}) {
  const ctx = createContext('st', file, env);
  const result = convertMounts(ctx, 'services.a.volumes', volumes as never).map((m) => m.mount);
  return { result, issues: ctx.issues.items, warnings: ctx.warnings };
}

describe('parseVolumeSpec', () => {
  it('parses short syntax like docker volumespec', () => {
    expect(parseVolumeSpec('/data')).toEqual({ type: 'volume', target: '/data' });
    expect(parseVolumeSpec('data:/data:ro')).toEqual({
      type: 'volume',
      source: 'data',
      target: '/data',
      read_only: true,
    });
    expect(parseVolumeSpec('./x:/x')).toEqual({ type: 'bind', source: './x', target: '/x' });
    expect(parseVolumeSpec('/h:/c:rw,rshared')).toEqual({
      type: 'bind',
      source: '/h',
      target: '/c',
      read_only: false,
      bind: { propagation: 'rshared' },
    });
    expect(parseVolumeSpec('v:/c:nocopy,z')).toEqual({
      type: 'volume',
      source: 'v',
      target: '/c',
      volume: { nocopy: true },
    });
  });

  it('refuses malformed specs', () => {
    expect(parseVolumeSpec('')).toBe('invalid empty volume spec');
    expect(parseVolumeSpec('a::b')).toContain('empty section');
    expect(parseVolumeSpec('a:b:c:d')).toContain('too many colons');
  });
});

describe('convertMounts', () => {
  const file: ComposeFile = {
    volumes: {
      data: { labels: { team: 'a' } },
      drv: { driver: 'local', driver_opts: { type: 'nfs', o: 'addr=1.2.3.4', size: 10 } },
      ext: { external: true },
      renamed: { name: 'shared-data' },
      oldext: { external: { name: 'legacy' } },
    },
  };

  it('scopes named volumes and labels them with the stack', () => {
    expect(
      convert(
        [
          'data:/data',
          { type: 'volume', source: 'drv', target: '/d', volume: { nocopy: true, subpath: 'x' } },
        ],
        file,
      ).result,
    ).toEqual([
      {
        Type: 'volume',
        Source: 'st_data',
        Target: '/data',
        VolumeOptions: { Labels: { 'com.docker.stack.namespace': 'st', team: 'a' } },
      },
      {
        Type: 'volume',
        Source: 'st_drv',
        Target: '/d',
        VolumeOptions: {
          NoCopy: true,
          Subpath: 'x',
          Labels: { 'com.docker.stack.namespace': 'st' },
          DriverConfig: { Name: 'local', Options: { o: 'addr=1.2.3.4', size: '10', type: 'nfs' } },
        },
      },
    ]);
  });

  it('keeps external and explicitly named volumes unscoped', () => {
    expect(convert(['ext:/e', 'renamed:/r', 'oldext:/o'], file).result).toEqual([
      { Type: 'volume', Source: 'ext', Target: '/e', VolumeOptions: {} },
      {
        Type: 'volume',
        Source: 'shared-data',
        Target: '/r',
        VolumeOptions: { Labels: { 'com.docker.stack.namespace': 'st' } },
      },
      { Type: 'volume', Source: 'legacy', Target: '/o', VolumeOptions: {} },
    ]);
  });

  it('converts anonymous volumes, binds and tmpfs', () => {
    expect(
      convert([
        '/anon',
        '/host:/c:ro,rslave',
        { type: 'tmpfs', target: '/t', tmpfs: { size: '64m' } },
        { type: 'tmpfs', target: '/u', tmpfs: { size: 1000 } },
        { type: 'tmpfs', target: '/w' },
        { type: 'bind', source: '/b', target: '/b', read_only: true, consistency: 'cached' },
      ]).result,
    ).toEqual([
      { Type: 'volume', Target: '/anon' },
      { Type: 'bind', Source: '/host', Target: '/c', ReadOnly: true, BindOptions: { Propagation: 'rslave' } },
      { Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 64 * 1024 * 1024 } },
      { Type: 'tmpfs', Target: '/u', TmpfsOptions: { SizeBytes: 1000 } },
      { Type: 'tmpfs', Target: '/w' },
      { Type: 'bind', Source: '/b', Target: '/b', ReadOnly: true, Consistency: 'cached' },
    ]);
  });

  it('expands ~ from env HOME only', () => {
    expect(convert(['~/x:/x'], {}, { HOME: '/home/u' }).result).toEqual([
      { Type: 'bind', Source: '/home/u/x', Target: '/x' },
    ]);
    expect(convert(['~/x:/x']).issues).toEqual([
      expect.objectContaining({ path: 'services.a.volumes[0].source' }),
    ]);
  });

  it('names every invalid mount', () => {
    const result = convert(
      [
        'nope:/n',
        './rel:/r',
        { type: 'tmpfs', source: 'x', target: '/t' },
        { type: 'bind', source: '/h', target: '/h', volume: { nocopy: true } },
        { type: 'npipe', source: 'x', target: '/p' },
        { type: 'tmpfs', target: '/t', tmpfs: { size: 'huge' } },
        'data:relative',
        { type: 'volume', source: 'data' },
      ],
      file,
    );
    expect(result.issues.map((i) => i.path)).toEqual([
      'services.a.volumes[0].source',
      'services.a.volumes[1].source',
      'services.a.volumes[2].source',
      'services.a.volumes[3].volume',
      'services.a.volumes[4].type',
      'services.a.volumes[5].tmpfs.size',
      'services.a.volumes[6].target',
      'services.a.volumes[7].target',
    ]);
    expect(result.issues[0]?.message).toContain('undefined volume "nope"');
  });

  it('refuses external volumes with driver settings', () => {
    expect(convert(['bad:/b'], { volumes: { bad: { external: true, driver: 'x' } } }).issues).toEqual([
      { path: 'volumes.bad', message: 'external volumes cannot set driver, driver_opts or labels' },
    ]);
  });
});
