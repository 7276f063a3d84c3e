import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serve, silentLogger } from '@swarmops/bus';
import { startPrivateNats, TEST_IMAGE } from '@swarmops/testkit';
import type { PrivateNats } from '@swarmops/testkit';
import { createNodeDocker } from '../adapters/docker-nodes.js';
import { createHarness } from '../engine/__fixtures__/harness.js';
import type { EngineHarness } from '../engine/__fixtures__/harness.js';
import { createDeployerHandlers } from './index.js';

interface Reply {
  ok: boolean;
  data?: Record<string, unknown>;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

// service.restart and node.update over a private NATS against the real one-node swarm.
describe('service.restart and node.update', () => {
  let nats: PrivateNats;
  let nc: NatsConnection;
  let h: EngineHarness;
  let stop: () => Promise<void>;

  beforeEach(async () => {
    nats = await startPrivateNats();
    nc = await connect({ servers: nats.url });
    h = await createHarness();
    const nodes = createNodeDocker(h.docker);
    const service = await serve(
      nc,
      { name: 'deployer', version: '0.0.0' },
      createDeployerHandlers({ engine: h.engine, nodes, logger: silentLogger }),
    );
    stop = async () => {
      await service.stop();
    };
  });
  afterEach(async () => {
    try {
      await stop();
      await h.cleanup();
      await nc.close();
    } finally {
      await nats.stop();
    }
  });

  const call = async (subject: string, body: unknown): Promise<Reply> => {
    const msg = await nc.request(`swarmops.deployer.${subject}`, JSON.stringify(body), { timeout: 240_000 });
    return JSON.parse(new TextDecoder().decode(msg.data)) as Reply;
  };

  const runningTaskIds = async (name: string) => {
    const tasks = (await h.docker.listTasks({ filters: JSON.stringify({ service: [name] }) })) as {
      ID: string;
      Status?: { State?: string };
    }[];
    return tasks.filter((t) => t.Status?.State === 'running').map((t) => t.ID);
  };

  it('restarts a service with a force update, waits for it and records a restart deployment', async () => {
    const name = `${h.stack}_sleeper`;
    await h.docker.createService({
      Name: name,
      Labels: { 'swarmops.test': h.stack },
      TaskTemplate: {
        ContainerSpec: { Image: TEST_IMAGE, Command: ['sleep', '3600'] },
        RestartPolicy: { Condition: 'any' },
      },
      Mode: { Replicated: { Replicas: 1 } },
    });
    const first = await call('service.scale', { service: name, replicas: 1 });
    expect(first).toMatchObject({ ok: true, data: { converged: true } });
    const before = await runningTaskIds(name);
    expect(before).toHaveLength(1);

    const reply = await call('service.restart', {
      service: name,
      reason: 'health: service.update paused',
      requestedBy: 'health/self-healing',
    });
    expect(reply).toMatchObject({
      ok: true,
      data: { status: 'succeeded', service: name, image: TEST_IMAGE, replicas: { desired: 1, running: 1 } },
    });
    const after = await runningTaskIds(name);
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);

    const spec = (await h.docker.getService(name).inspect()) as {
      Spec: { TaskTemplate: { ForceUpdate?: number } };
    };
    expect(spec.Spec.TaskTemplate.ForceUpdate).toBe(1);
    const got = await call('deployments.get', { id: reply.data?.deploymentId });
    expect(got).toMatchObject({
      ok: true,
      data: { kind: 'restart', status: 'succeeded', requestedBy: 'health/self-healing' },
    });
    const steps = (got.data?.steps ?? []) as { name: string; message: string }[];
    expect(steps.find((s) => s.name === 'restart')?.message).toContain('health: service.update paused');
  });

  it('answers NOT_FOUND for an unknown service or node', async () => {
    const service = await call('service.restart', { service: `${h.stack}_missing` });
    expect(service.error?.code).toBe('NOT_FOUND');
    const node = await call('node.update', { node: `${h.stack}-missing`, availability: 'drain' });
    expect(node.error?.code).toBe('NOT_FOUND');
  });

  it('refuses to drain or pause the last active manager, and leaves it active', async () => {
    const nodes = await createNodeDocker(h.docker).list();
    // Never send a drain to a swarm where it could be obeyed: this test needs the one-manager swarm.
    const managers = nodes.filter((n) => n.role === 'manager' && n.availability === 'active');
    expect(managers).toHaveLength(1);
    const manager = managers[0];
    if (manager === undefined || nodes.length !== 1) throw new Error('expected the one-node swarm');

    for (const availability of ['drain', 'pause'] as const) {
      const reply = await call('node.update', {
        node: manager.hostname,
        availability,
        requestedBy: 'health/self-healing',
      });
      expect(reply.ok).toBe(false);
      expect(reply.error?.code).toBe('FORBIDDEN');
      expect(reply.error?.details).toMatchObject({ guardrail: 'last-active-manager' });
    }
    const still = (await createNodeDocker(h.docker).list()).find((n) => n.id === manager.id);
    expect(still?.availability).toBe('active');

    const same = await call('node.update', { node: manager.id, availability: 'active' });
    expect(same).toMatchObject({
      ok: true,
      data: { nodeId: manager.id, hostname: manager.hostname, availability: 'active', previous: 'active' },
    });
  });
});
