import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness } from './__fixtures__/harness.js';
import type { EngineHarness } from './__fixtures__/harness.js';
import { testStack, webService } from './__fixtures__/stacks.js';

describe('blue-green and canary on the real swarm', () => {
  let h: EngineHarness;
  beforeEach(async () => {
    h = await createHarness();
    h.define('v1', (s) =>
      testStack(s, [
        webService(s, { content: 'v1' }),
        webService(s, { name: 'db', content: 'd1', replicas: 1 }),
      ]),
    );
    h.define('v2', (s) =>
      testStack(s, [
        webService(s, { content: 'v2' }),
        webService(s, { name: 'db', content: 'd1', replicas: 1 }),
      ]),
    );
    h.define('v3', (s) =>
      testStack(s, [
        webService(s, { content: 'v3' }),
        webService(s, { name: 'db', content: 'd1', replicas: 1 }),
      ]),
    );
  });
  afterEach(async () => {
    await h.cleanup();
  });

  const args = async (name: string) => {
    const live = await h.deps.docker.findService(name);
    return JSON.stringify(live?.spec.TaskTemplate);
  };
  const leftovers = async () =>
    (await h.deps.docker.readStack(h.stack)).services.map((s) => s.name).filter((n) => n.includes('--'));

  it('blue-green converges with the canonical service on the new version and no --green left', async () => {
    const first = await h.engine.deploy({
      stack: h.stack,
      compose: 'v1',
      strategy: 'rolling',
      dryRun: false,
      wait: true,
    });
    expect(first.status).toBe('succeeded');
    const dbBefore = await h.deps.docker.findService(`${h.stack}_db`);

    const result = await h.engine.deploy({
      stack: h.stack,
      compose: 'v2',
      strategy: 'blue-green',
      dryRun: false,
      wait: true,
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('succeeded');
    expect(await args(`${h.stack}_web`)).toContain('echo v2');
    expect(await leftovers()).toEqual([]);
    // The unchanged service was left alone.
    expect((await h.deps.docker.findService(`${h.stack}_db`))?.version).toBe(dbBefore?.version);
    const steps = (await h.engine.get(result.deploymentId)).steps.map((s) => s.name);
    expect(steps).toEqual(expect.arrayContaining(['create-green', 'switch-traffic', 'remove-service']));
  });

  it('canary watches its window, promotes and leaves no --canary', async () => {
    await h.engine.deploy({ stack: h.stack, compose: 'v1', strategy: 'rolling', dryRun: false, wait: true });
    const result = await h.engine.deploy({
      stack: h.stack,
      compose: 'v3',
      strategy: 'canary',
      canary: { replicas: 1, windowSeconds: 3 },
      dryRun: false,
      wait: true,
    });
    expect(result.error).toBeUndefined();
    expect(result.status).toBe('succeeded');
    expect(await args(`${h.stack}_web`)).toContain('echo v3');
    expect(await leftovers()).toEqual([]);
    const timeline = (await h.engine.get(result.deploymentId)).steps;
    console.log(timeline.map((s) => `${s.at} ${s.name} ${s.message}`).join('\n'));
    const steps = timeline.map((s) => s.name);
    expect(steps).toEqual(expect.arrayContaining(['create-canary', 'watch-canary', 'promote']));
  });
});
