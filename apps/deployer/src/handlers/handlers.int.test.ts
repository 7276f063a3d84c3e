import { jetstreamManager } from '@nats-io/jetstream';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureStream, eventsStreamConfig, serve, silentLogger } from '@swarmops/bus';
import { startPrivateNats } from '@swarmops/testkit';
import type { PrivateNats } from '@swarmops/testkit';
import { createNodeDocker } from '../adapters/docker-nodes.js';
import { convertCompose } from '../compose/index.js';
import { createHarness } from '../engine/__fixtures__/harness.js';
import type { EngineHarness } from '../engine/__fixtures__/harness.js';
import { createDeployerHandlers } from './index.js';

// The handlers over a private NATS (so no other deployer answers), the real converter, the real swarm.
describe('deployer subjects', () => {
  let nats: PrivateNats;
  let nc: NatsConnection;
  let h: EngineHarness;
  let stop: () => Promise<void>;

  beforeEach(async () => {
    nats = await startPrivateNats();
    nc = await connect({ servers: nats.url });
    await ensureStream(await jetstreamManager(nc), eventsStreamConfig());
    h = await createHarness({ convert: convertCompose, js: jetstream(nc) });
    const service = await serve(
      nc,
      { name: 'deployer', version: '0.0.0' },
      createDeployerHandlers({ engine: h.engine, nodes: createNodeDocker(h.docker), logger: silentLogger }),
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

  const call = async (subject: string, body: unknown) => {
    const msg = await nc.request(`swarmops.deployer.${subject}`, JSON.stringify(body), { timeout: 240_000 });
    return JSON.parse(new TextDecoder().decode(msg.data)) as {
      ok: boolean;
      data?: Record<string, unknown>;
      error?: { code: string; message: string; details?: unknown };
    };
  };

  const compose = (stack: string, content: string) => `
services:
  web:
    image: swarmops/busybox:test
    command: ["sh", "-c", "mkdir -p /www && echo ${content} > /www/index.html && exec httpd -f -p 8080 -h /www"]
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD-SHELL", "printf 'GET / HTTP/1.0\\\\r\\\\n\\\\r\\\\n' | nc -w 1 127.0.0.1 8080 | grep -q ' 200 '"]
      interval: 1s
      timeout: 3s
      retries: 3
    deploy:
      replicas: 1
      endpoint_mode: dnsrr
      labels: [swarmops.test=${stack}]
networks:
  default:
    labels: [swarmops.test=${stack}]
`;

  it('deploys a compose file, reports progress on the bus and answers the reads', async () => {
    const progress: unknown[] = [];
    const sub = nc.subscribe('swarmops.events.deployment.progress');
    void (async () => {
      for await (const m of sub) progress.push(JSON.parse(new TextDecoder().decode(m.data)));
    })();
    const plan = await call('stack.plan', { name: h.stack, compose: compose(h.stack, 'one') });
    expect(plan).toMatchObject({ ok: true, data: { version: 1, summary: { create: 2 } } });

    const deployed = await call('stack.deploy', { name: h.stack, compose: compose(h.stack, 'one') });
    expect(deployed).toMatchObject({ ok: true, data: { status: 'succeeded', version: 1 } });
    const id = deployed.data?.deploymentId;
    expect(progress.some((e) => (e as { data: { deploymentId: string } }).data.deploymentId === id)).toBe(
      true,
    );
    sub.unsubscribe();

    const got = await call('deployments.get', { id });
    expect(got).toMatchObject({ ok: true, data: { id, status: 'succeeded', kind: 'deploy' } });
    const listed = await call('deployments.list', { stack: h.stack });
    expect(listed).toMatchObject({ ok: true, data: { nextCursor: null } });

    const updated = await call('service.update', {
      service: `${h.stack}_web`,
      image: 'swarmops/busybox:test',
    });
    expect(updated).toMatchObject({ ok: true, data: { status: 'succeeded', service: `${h.stack}_web` } });

    const again = await call('stack.deploy', { name: h.stack, compose: compose(h.stack, 'two') });
    expect(again).toMatchObject({ ok: true, data: { status: 'succeeded', version: 2 } });
    const back = await call('stack.rollback', { name: h.stack, version: 1 });
    expect(back).toMatchObject({ ok: true, data: { status: 'succeeded', version: 3 } });
    const live = await h.deps.docker.findService(`${h.stack}_web`);
    expect(JSON.stringify(live?.spec.TaskTemplate)).toContain('echo one');

    const removed = await call('stack.remove', { name: h.stack });
    expect(removed).toMatchObject({ ok: true, data: { status: 'succeeded' } });
  });

  it('refuses bad input naming the field, unknown objects with NOT_FOUND, policy with FORBIDDEN', async () => {
    const bad = await call('stack.deploy', { name: h.stack, compose: 'services: {}', strategy: 'sideways' });
    expect(bad.error?.code).toBe('INVALID_REQUEST');
    expect(bad.error?.message).toContain('strategy');
    const badFile = await call('stack.plan', {
      name: h.stack,
      compose: 'services:\n  web:\n    image: 5\n    deploy: {replicas: many}\n',
    });
    expect(badFile.error?.code).toBe('INVALID_REQUEST');
    expect(badFile.error?.message).toContain('replicas');
    const socket = await call('stack.plan', {
      name: h.stack,
      compose:
        'services:\n  web:\n    image: x\n    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]\n',
    });
    expect(socket.error?.code).toBe('FORBIDDEN');
    expect(socket.error?.message).toContain('web');

    expect((await call('stack.rollback', { name: h.stack, version: 7 })).error?.code).toBe('NOT_FOUND');
    expect((await call('stack.remove', { name: h.stack })).error?.code).toBe('NOT_FOUND');
    expect((await call('service.scale', { service: `${h.stack}_nope`, replicas: 2 })).error?.code).toBe(
      'NOT_FOUND',
    );
    expect((await call('service.rollback', { service: `${h.stack}_nope` })).error?.code).toBe('NOT_FOUND');
    const missing = await call('deployments.get', { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.error?.code).toBe('NOT_FOUND');
  });
});
