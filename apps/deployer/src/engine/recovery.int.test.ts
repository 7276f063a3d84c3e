import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withRollingDefaults } from '../domain/rolling-defaults.js';
import { STACK_VERSION_LABEL } from '../domain/live.js';
import { createHarness } from './__fixtures__/harness.js';
import type { EngineHarness } from './__fixtures__/harness.js';
import { testStack, webService } from './__fixtures__/stacks.js';
import { emptyTarget } from './types.js';

// A "dead" deployer: its row says running, its heartbeat is old, and it left a change half done.
describe('recovery of deployments left running by a dead deployer', () => {
  let h: EngineHarness;
  beforeEach(async () => {
    h = await createHarness({ heartbeatSeconds: 1 });
    h.define('v1', (s) => testStack(s, [webService(s, { content: 'v1' })]));
  });
  afterEach(async () => {
    await h.cleanup();
  });

  async function orphan(update: { content: string; healthy: boolean }) {
    const first = await h.engine.deploy({
      stack: h.stack,
      compose: 'v1',
      strategy: 'rolling',
      dryRun: false,
      wait: true,
    });
    expect(first.status).toBe('succeeded');
    const live = await h.deps.docker.findService(`${h.stack}_web`);
    if (live === null) throw new Error('web missing');
    const next = webService(h.stack, { content: update.content, healthy: update.healthy });
    const spec = withRollingDefaults(next.spec, next.healthcheck);
    spec.Labels = { ...spec.Labels, [STACK_VERSION_LABEL]: '2' };
    const target = {
      ...emptyTarget('deploy', 90),
      strategy: 'rolling',
      compose: 'v1',
      services: { [live.name]: spec },
      updated: [live.name],
    };
    const id = randomUUID();
    await h.pg.pool.query(
      `INSERT INTO deployments (id, cluster_id, stack, kind, version, strategy, status, target, previous, owner, started_at, heartbeat_at)
       VALUES ($1, $2, $3, 'deploy', 2, 'rolling', 'running', $4, $5, 'dead-deployer', now() - interval '1 minute', now() - interval '1 minute')`,
      [
        id,
        h.deps.clusterId,
        h.stack,
        JSON.stringify(target),
        JSON.stringify({ version: 1, services: { [live.name]: live.spec } }),
      ],
    );
    // The half-done change: the dead deployer had sent the update, nothing more.
    await h.deps.docker.updateService(live.id, live.version, spec);
    return id;
  }

  async function waitEnded(id: string) {
    for (let i = 0; i < 400; i++) {
      const d = await h.engine.get(id);
      if (d.status !== 'running') return d;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`deployment ${id} still running`);
  }

  it('resumes an update that converges and records recovery resumed', async () => {
    const id = await orphan({ content: 'v2', healthy: true });
    const adopted = await h.another('new-deployer').recoverNow();
    expect(adopted).toEqual([id]);
    const done = await waitEnded(id);
    expect(done).toMatchObject({ status: 'succeeded', recovery: 'resumed' });
    expect(done.steps.map((s) => s.name)).toContain('recover');
    expect(done.steps.find((s) => s.message.startsWith('resuming'))).toBeDefined();
    const live = await h.deps.docker.findService(`${h.stack}_web`);
    expect(JSON.stringify(live?.spec.TaskTemplate)).toContain('echo v2');
  });

  it('rolls back an update that fails and records recovery rolled-back', async () => {
    const id = await orphan({ content: 'broken', healthy: false });
    const adopted = await h.another('new-deployer').recoverNow();
    expect(adopted).toEqual([id]);
    const done = await waitEnded(id);
    expect(done).toMatchObject({ status: 'rolled-back', recovery: 'rolled-back' });
    expect(done.error).toMatch(/restarted mid-deploy|rolled/);
    const live = await h.deps.docker.findService(`${h.stack}_web`);
    expect(JSON.stringify(live?.spec.TaskTemplate)).toContain('echo v1');
  });

  it('leaves a deployment with a fresh heartbeat alone', async () => {
    const running = await h.engine.deploy({
      stack: h.stack,
      compose: 'v1',
      strategy: 'rolling',
      dryRun: false,
      wait: false,
    });
    expect(await h.another('other').recoverNow()).toEqual([]);
    await h.engine.drain(120_000);
    expect((await h.engine.get(running.deploymentId)).status).toBe('succeeded');
  });
});
