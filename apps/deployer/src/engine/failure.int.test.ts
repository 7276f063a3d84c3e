import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '@swarmops/contracts';
import { createHarness } from './__fixtures__/harness.js';
import type { EngineHarness } from './__fixtures__/harness.js';
import { testStack, webService } from './__fixtures__/stacks.js';

describe('failed deployments on the real swarm', () => {
  let h: EngineHarness;
  beforeEach(async () => {
    h = await createHarness();
    h.define('good', (s) => testStack(s, [webService(s, { content: 'good' })]));
    h.define('bad', (s) => testStack(s, [webService(s, { content: 'bad', healthy: false })]));
  });
  afterEach(async () => {
    await h.cleanup();
  });

  const webArgs = async () =>
    JSON.stringify((await h.deps.docker.findService(`${h.stack}_web`))?.spec.TaskTemplate);

  for (const strategy of ['rolling', 'blue-green', 'canary'] as const) {
    it(`a new version whose healthcheck fails ends rolled-back with ${strategy} and the previous version runs`, async () => {
      const first = await h.engine.deploy({
        stack: h.stack,
        compose: 'good',
        strategy: 'rolling',
        dryRun: false,
        wait: true,
      });
      expect(first.status).toBe('succeeded');
      const result = await h.engine.deploy({
        stack: h.stack,
        compose: 'bad',
        strategy,
        canary: { replicas: 1, windowSeconds: 2 },
        timeoutSeconds: 60,
        dryRun: false,
        wait: true,
      });
      expect(['rolled-back', 'failed']).toContain(result.status);
      expect(result.error).toMatch(/./);
      expect(await webArgs()).toContain('echo good');
      const verdict = await h.engine.scale({ service: `${h.stack}_web`, replicas: 2, wait: true });
      expect(verdict).toMatchObject({ converged: true, replicas: { desired: 2, running: 2 } });
      const names = (await h.deps.docker.readStack(h.stack)).services.map((s) => s.name);
      expect(names).toEqual([`${h.stack}_web`]);
    });
  }

  it('refuses a concurrent deploy of the same stack with CONFLICT naming the running one', async () => {
    const running = await h.engine.deploy({
      stack: h.stack,
      compose: 'good',
      strategy: 'rolling',
      dryRun: false,
      wait: false,
    });
    expect(running.status).toBe('running');
    const second = await h.engine
      .deploy({ stack: h.stack, compose: 'good', strategy: 'rolling', dryRun: false, wait: true })
      .then(
        () => null,
        (err: unknown) => err,
      );
    expect(isAppError(second)).toBe(true);
    expect(second).toMatchObject({ code: 'CONFLICT', details: { deploymentId: running.deploymentId } });
    await h.engine.drain(120_000);
    expect((await h.engine.get(running.deploymentId)).status).toBe('succeeded');
  });

  it('a first deploy whose tasks never get healthy is removed again and ends rolled-back', async () => {
    const result = await h.engine.deploy({
      stack: h.stack,
      compose: 'bad',
      strategy: 'rolling',
      timeoutSeconds: 60,
      dryRun: false,
      wait: true,
    });
    expect(result.status).toBe('rolled-back');
    expect((await h.deps.docker.readStack(h.stack)).services).toEqual([]);
  });
});
