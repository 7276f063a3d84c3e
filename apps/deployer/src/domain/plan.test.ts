import { describe, expect, it } from 'vitest';
import type { DesiredService, DesiredStack } from '../compose/types.js';
import { CONTENT_DIGEST_LABEL } from './live.js';
import type { LiveService, LiveStack } from './live.js';
import { isNoop, planStack } from './plan.js';
import { withRollingDefaults } from './rolling-defaults.js';

const ns = { 'com.docker.stack.namespace': 'shop' };

function desiredService(name: string, image: string, replicas = 1): DesiredService {
  return {
    name,
    fullName: `shop_${name}`,
    mode: 'replicated',
    replicas,
    healthcheck: null,
    spec: {
      Name: `shop_${name}`,
      Labels: ns,
      TaskTemplate: {
        ContainerSpec: { Image: image },
        Networks: [{ Target: 'shop_default', Aliases: [name] }],
      },
      Mode: { Replicated: { Replicas: replicas } },
    },
  };
}

function liveOf(d: DesiredService, id: string): LiveService {
  const spec = withRollingDefaults(d.spec, null);
  const template = spec.TaskTemplate as { Networks: { Target: string }[] };
  return {
    id,
    name: d.fullName,
    version: 1,
    spec: {
      ...spec,
      TaskTemplate: {
        ...spec.TaskTemplate,
        Networks: template.Networks.map((n) => ({ ...n, Target: 'net1' })),
      },
    },
    previousSpec: null,
    updateStatus: null,
    jobIteration: null,
  };
}

const network = {
  name: 'default',
  fullName: 'shop_default',
  external: false,
  spec: { Name: 'shop_default', Driver: 'overlay' },
};
const ctx = {
  networkNames: { net1: 'shop_default' },
  configNames: new Set<string>(),
  secretNames: new Set<string>(),
  liveVersion: 4,
};

function stack(services: DesiredService[], configs: DesiredStack['configs'] = []): DesiredStack {
  return { stack: 'shop', services, networks: [network], configs, secrets: [], warnings: [] };
}

describe('planStack', () => {
  it('creates everything for a new stack, as version live + 1', () => {
    const empty: LiveStack = { stack: 'shop', services: [], networks: [], configs: [], secrets: [] };
    const set = planStack(stack([desiredService('api', 'api:1')]), empty, ctx);
    expect(set.plan.version).toBe(5);
    expect(set.plan.summary).toEqual({ create: 2, update: 0, remove: 0, unchanged: 0, restarts: 0 });
    expect(set.createServices[0]?.spec.UpdateConfig).toMatchObject({
      Order: 'start-first',
      FailureAction: 'rollback',
    });
  });

  it('diffs field by field, marks restarts, keeps the unchanged, removes what the file dropped', () => {
    const api = desiredService('api', 'api:1');
    const web = desiredService('web', 'web:1', 2);
    const old = desiredService('old', 'old:1');
    const live: LiveStack = {
      stack: 'shop',
      services: [
        liveOf(api, 'a'),
        liveOf(web, 'w'),
        liveOf(old, 'o'),
        { ...liveOf(web, 'g'), name: 'shop_web--green' },
      ],
      networks: [{ id: 'net1', name: 'shop_default', labels: ns }],
      configs: [],
      secrets: [],
    };
    const set = planStack(
      stack([desiredService('api', 'api:2'), desiredService('web', 'web:1', 3)]),
      live,
      ctx,
    );
    const byName = Object.fromEntries(set.plan.changes.map((c) => [c.fullName, c]));
    expect(byName.shop_api).toMatchObject({
      action: 'update',
      restartsTasks: true,
      fields: [{ path: 'TaskTemplate.ContainerSpec.Image', old: 'api:1', new: 'api:2' }],
    });
    expect(byName.shop_web).toMatchObject({
      action: 'update',
      restartsTasks: false,
      fields: [{ path: 'Mode.Replicated.Replicas', old: 2, new: 3 }],
    });
    expect(byName.shop_old?.action).toBe('remove');
    expect(byName['shop_web--green']?.action).toBe('remove');
    expect(byName.shop_default?.action).toBe('unchanged');
    expect(set.plan.summary).toEqual({ create: 0, update: 2, remove: 2, unchanged: 1, restarts: 1 });
  });

  it('shows a config change by digest only and removes the old version', () => {
    const config = {
      name: 'app',
      fullName: 'shop_app-222222222222',
      external: false,
      data: 'c2VjcmV0',
      digest: '2'.repeat(64),
      labels: ns,
    };
    const live: LiveStack = {
      stack: 'shop',
      services: [],
      networks: [{ id: 'net1', name: 'shop_default', labels: ns }],
      configs: [
        {
          id: 'c1',
          name: 'shop_app-111111111111',
          labels: { ...ns, [CONTENT_DIGEST_LABEL]: '1'.repeat(64) },
        },
      ],
      secrets: [],
    };
    const set = planStack(stack([], [config]), live, ctx);
    const created = set.plan.changes.find((c) => c.action === 'create');
    expect(created?.fields).toEqual([
      { path: 'Digest', old: `sha256:${'1'.repeat(64)}`, new: `sha256:${'2'.repeat(64)}` },
    ]);
    expect(JSON.stringify(set.plan)).not.toContain('c2VjcmV0');
    expect(set.removeConfigs.map((c) => c.name)).toEqual(['shop_app-111111111111']);
    expect(set.plan.changes.find((c) => c.action === 'remove')).toMatchObject({
      kind: 'config',
      name: 'app',
    });
  });

  it('is a no-op when the live stack matches, and names missing external objects', () => {
    const api = desiredService('api', 'api:1');
    const live: LiveStack = {
      stack: 'shop',
      services: [liveOf(api, 'a')],
      networks: [{ id: 'net1', name: 'shop_default', labels: ns }],
      configs: [],
      secrets: [],
    };
    const set = planStack(stack([api]), live, ctx);
    expect(isNoop(set)).toBe(true);
    const ext = {
      ...stack([api]),
      secrets: [{ name: 'tls', fullName: 'tls', external: true, data: null, digest: null, labels: {} }],
    };
    expect(planStack(ext, live, ctx).missingExternal).toEqual(['secret tls']);
  });
});
