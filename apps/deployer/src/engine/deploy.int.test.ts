import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness } from './__fixtures__/harness.js';
import type { EngineHarness } from './__fixtures__/harness.js';
import { testStack, webService } from './__fixtures__/stacks.js';

describe('deploy engine on the real swarm', () => {
  let h: EngineHarness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.cleanup();
  });

  it('plans, deploys, updates with rolling, scales and removes a stack', async () => {
    h.define('v1', (s) =>
      testStack(s, [
        webService(s, { content: 'v1' }),
        webService(s, { name: 'api', content: 'a1', replicas: 1 }),
      ]),
    );
    h.define('v2', (s) =>
      testStack(s, [
        webService(s, { content: 'v2' }),
        webService(s, { name: 'api', content: 'a1', replicas: 1 }),
      ]),
    );

    const plan = await h.engine.plan({ stack: h.stack, compose: 'v1' });
    expect(plan.summary).toMatchObject({ create: 3, update: 0, remove: 0 });

    const dry = await h.engine.deploy({
      stack: h.stack,
      compose: 'v1',
      strategy: 'rolling',
      dryRun: true,
      wait: true,
    });
    expect(dry.status).toBe('planned');
    expect((await h.docker.listServices({ filters: JSON.stringify({ name: [h.stack] }) })).length).toBe(0);

    const first = await h.engine.deploy({
      stack: h.stack,
      compose: 'v1',
      strategy: 'rolling',
      dryRun: false,
      wait: true,
    });
    expect(first.error).toBeUndefined();
    expect(first).toMatchObject({ status: 'succeeded', version: 1 });
    expect(first.services.find((s) => s.name === `${h.stack}_web`)?.replicas).toEqual({
      desired: 2,
      running: 2,
    });

    const same = await h.engine.plan({ stack: h.stack, compose: 'v1' });
    expect(same.summary).toMatchObject({ create: 0, update: 0, remove: 0, unchanged: 3 });

    const plan2 = await h.engine.plan({ stack: h.stack, compose: 'v2' });
    const web = plan2.changes.find((c) => c.fullName === `${h.stack}_web`);
    expect(web).toMatchObject({ action: 'update', restartsTasks: true });
    expect(web?.fields.map((f) => f.path)).toEqual(['TaskTemplate.ContainerSpec.Args']);

    const second = await h.engine.deploy({
      stack: h.stack,
      compose: 'v2',
      strategy: 'rolling',
      dryRun: false,
      wait: true,
    });
    expect(second).toMatchObject({ status: 'succeeded', version: 2 });
    const steps = (await h.engine.get(second.deploymentId)).steps.map((s) => s.name);
    expect(steps).toContain('update-service');
    expect(steps).not.toContain('create-service');

    const scaled = await h.engine.scale({ service: `${h.stack}_web`, replicas: 3, wait: true });
    expect(scaled).toMatchObject({ replicas: { desired: 3, running: 3 }, converged: true });

    const removed = await h.engine.remove({ name: h.stack, wait: true });
    expect(removed.status).toBe('succeeded');
    expect(removed.removed.services.sort()).toEqual([`${h.stack}_api`, `${h.stack}_web`]);
    const list = await h.engine.list({ limit: 10, stack: h.stack });
    expect(list.items.map((d) => d.kind)).toEqual(['remove', 'scale', 'deploy', 'deploy', 'deploy']);
  });
});
