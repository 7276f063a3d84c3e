import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ensureStream, eventsStreamConfig, startOutboxRelay } from '@swarmops/bus';
import { EventEnvelopeSchema, HealthCheckEventDataSchema } from '@swarmops/contracts';
import type { EventEnvelope } from '@swarmops/contracts';
import {
  createTestDocker,
  ensureTestImage,
  freePort,
  pgFixture,
  requireDocker,
  startPrivateNats,
  testDockerHost,
  withDockerCleanup,
} from '@swarmops/testkit';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { watchInventoryEvents } from '../adapters/inventory-events.js';
import { createHealthCore } from '../health-core.js';
import { createHealthMetrics } from '../metrics.js';

// Health's runtime against the real thing: a private nats-server, a fresh database, a real inventory process
// reading the local swarm, and a service made to fail for real.

const INVENTORY_MAIN = fileURLToPath(new URL('../../../inventory/dist/main.js', import.meta.url));

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, maxMs = 120_000) {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function startInventoryProcess(env: Record<string, string>) {
  if (!existsSync(INVENTORY_MAIN))
    throw new Error(`${INVENTORY_MAIN} missing: pnpm --filter @swarmops/inventory build`);
  const port = await freePort();
  const child = spawn(process.execPath, [INVENTORY_MAIN], {
    env: { ...process.env, ...env, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr.on('data', (b: Buffer) => (log += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await until('inventory /readyz', async () => {
    if (child.exitCode !== null) throw new Error(`inventory exited ${child.exitCode}: ${log.slice(-2000)}`);
    const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    return res?.status === 200 ? true : undefined;
  });
  return {
    log: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('health runner (real NATS, PostgreSQL, inventory and swarm)', () => {
  it('reports a service that cannot run from an inventory event with one failed event, and its removal as gone', async () => {
    await requireDocker();
    const docker = createTestDocker();
    await ensureTestImage(docker);
    const nats = await startPrivateNats();
    const pg = await pgFixture();
    const inventory = await startInventoryProcess({
      NATS_URL: nats.url,
      DATABASE_URL: pg.url,
      DOCKER_HOST: testDockerHost(),
    });
    const nc = await connect({ servers: nats.url, name: 'health-runner-int' });
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, eventsStreamConfig());
    const relay = startOutboxRelay({ pool: pg.pool, js: jetstream(nc) });
    const events: EventEnvelope[] = [];
    const sub = nc.subscribe('swarmops.events.health.>', {
      callback: (_err, msg) => {
        events.push(EventEnvelopeSchema.parse(msg.json()));
      },
    });
    const core = createHealthCore({
      config: {
        // Only the first run is an interval run: every later one here is triggered by inventory's events.
        HEALTH_INTERVAL_SECONDS: 3600,
        HEALTH_PLATFORM_SERVICES: ['inventory'],
        HEALTH_REPORT_RETENTION_HOURS: 72,
      },
      nc,
      jsm,
      pool: pg.pool,
      docker,
      metrics: createHealthMetrics(new Registry()),
      logger: { debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error },
    });
    const watch = watchInventoryEvents({
      nc,
      nodeStatus: core.nodeStatus,
      onEvent: () => core.runner.trigger(),
      logger: { debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error },
    });
    let passed = false;
    try {
      core.runner.start();
      await until(
        'the first run',
        async () => (await core.reports.latest(await core.clusterId())) ?? undefined,
      );
      await withDockerCleanup(docker, async ({ labels, name }) => {
        const service = name('unplaceable');
        const key = (e: EventEnvelope) => {
          const data = HealthCheckEventDataSchema.safeParse(e.data);
          return data.success ? `${data.data.check.id}|${data.data.check.subject}` : null;
        };
        const wanted = `service.replicas|service:${service}`;
        const created = Date.now();
        await docker.createService({
          Name: service,
          Labels: labels,
          TaskTemplate: {
            ContainerSpec: { Image: 'swarmops/busybox:test', Command: ['sleep', '3600'] },
            Placement: { Constraints: ['node.labels.swarmops-never==true'] },
          },
          Mode: { Replicated: { Replicas: 1 } },
        });
        const failed = await until('health.check.failed', () =>
          events.find((e) => e.type === 'health.check.failed' && key(e) === wanted),
        );
        console.log(`service.replicas failed event ${Date.now() - created} ms after the create`);
        const data = HealthCheckEventDataSchema.parse(failed.data);
        expect(data.check).toMatchObject({ status: 'fail', severity: 'critical' });
        expect(data.check.evidence).toBeDefined();
        expect(data.check.fix).toBeDefined();
        const report = await core.reports.get(await core.clusterId(), data.reportId);
        expect(report?.trigger).toBe('event');

        const scoped = await core.runner.run({ scope: 'service', target: service }, 'on-demand');
        expect(scoped.status).toBe('unhealthy');
        expect(scoped.checks.every((c) => c.subject === `service:${service}`)).toBe(true);
        // More events (task updates) and an on-demand cluster run change nothing: still one failed event.
        await core.runner.run({ scope: 'cluster' }, 'on-demand');

        await docker.getService(service).remove();
        const recovered = await until('health.check.recovered', () =>
          events.find((e) => e.type === 'health.check.recovered' && key(e) === wanted),
        );
        expect(HealthCheckEventDataSchema.parse(recovered.data).reason).toBe('gone');
        expect(events.filter((e) => e.type === 'health.check.failed' && key(e) === wanted)).toHaveLength(1);
      });
      passed = true;
    } finally {
      if (!passed) console.log(inventory.log().slice(-3000));
      watch.stop();
      await core.runner.stop();
      sub.unsubscribe();
      await relay.stop();
      await nc.close();
      await inventory.stop();
      await pg.cleanup();
      await nats.stop();
    }
  });
});
