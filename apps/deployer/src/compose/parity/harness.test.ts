import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAllowList } from './allow-list.js';
import { diffSpecs } from './diff.js';
import { inlineFileObjects, listFixtures } from './fixtures.js';
import { normalizeStack } from './normalize.js';
import type { StackSnapshot } from './snapshot.js';

function snapshot(stack: string, configName: string, configId: string, netId: string): StackSnapshot {
  return {
    services: {
      [`${stack}_app`]: {
        Name: `${stack}_app`,
        Labels: { 'com.docker.stack.namespace': stack },
        TaskTemplate: {
          ContainerSpec: {
            Configs: [
              { ConfigID: configId, ConfigName: configName, File: { Name: '/b' } },
              { ConfigID: configId, ConfigName: configName, File: { Name: '/a' } },
            ],
          },
          Networks: [{ Target: netId, Aliases: ['app'] }],
        },
      },
    },
    networks: {
      [`${stack}_default`]: {
        Name: `${stack}_default`,
        Options: { 'com.docker.network.driver.overlay.vxlanid_list': netId },
        IPAM: { Config: [{ Subnet: '10.0.9.0/24', Gateway: '10.0.9.1' }] },
      },
    },
    configs: { [configName]: { Name: configName, Data: 'eA==' } },
    secrets: {},
    networkNames: { [netId]: `${stack}_default` },
    configNames: { [configId]: configName },
    secretNames: {},
  };
}

describe('parity harness', () => {
  it('normalizes stack names, ids, versions, reference order and engine-assigned values away', () => {
    const docker = normalizeStack(snapshot('sa', 'sa_conf', 'c1', 'n1'), {
      stack: 'sa',
      declaredSubnets: new Set(),
    });
    const ours = normalizeStack(snapshot('sb', 'sb_conf-0123456789ab', 'c2', 'n2'), {
      stack: 'sb',
      declaredSubnets: new Set(),
    });
    expect(diffSpecs(docker, ours)).toEqual([]);
    expect(Object.keys(docker.configs)).toEqual(['<stack>_conf']);
  });

  it('keeps a declared subnet and reports a reference that points at another object', () => {
    const broken = snapshot('sb', 'sb_conf', 'c2', 'n2');
    broken.configNames = { c2: 'sb_other' };
    const normalized = normalizeStack(broken, { stack: 'sb', declaredSubnets: new Set(['10.0.9.0/24']) });
    expect(JSON.stringify(normalized)).toContain('10.0.9.0/24');
    expect(JSON.stringify(normalized)).toContain('<config id c2 is <stack>_other, not <stack>_conf>');
  });

  it('lists every differing leaf with both values', () => {
    expect(diffSpecs({ a: { b: [1, 2], c: 'x' } }, { a: { b: [1], d: 'y', c: 'x' } })).toEqual([
      { path: 'a.b[1]', docker: 2, swarmops: undefined },
      { path: 'a.d', docker: undefined, swarmops: 'y' },
    ]);
  });

  it('reads the allow-list rows between the markers of the doc', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parity-'));
    const doc = join(dir, 'doc.md');
    writeFileSync(
      doc,
      [
        '| fixture | path | reason |',
        '<!-- parity-allow-list:start -->',
        '| fixture | path | reason |',
        '| --- | --- | --- |',
        '| `*` | `services.app.Labels` | why |',
        '<!-- parity-allow-list:end -->',
      ].join('\n'),
    );
    expect(readAllowList(doc)).toEqual([{ fixture: '*', path: 'services.app.Labels', reason: 'why' }]);
  });

  it('hands Swarmops the file contents inline and leaves the rest of the text as written', () => {
    const fixture = listFixtures().find((f) => f.id === '19-secrets');
    if (fixture === undefined) throw new Error('fixture 19-secrets missing');
    const inlined = inlineFileObjects(fixture);
    expect(inlined).toContain('content: "s3cr3t-parity\\n"');
    expect(inlined).not.toContain('file:');
    expect(inlined).toContain('mode: 0400');
  });
});
