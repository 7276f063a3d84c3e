import type { NatsConnection } from '@nats-io/transport-node';
import { request } from '@swarmops/bus';
import { InventoryEventType, InventoryRpc, Subjects } from '@swarmops/contracts';
import type { Service } from '@swarmops/contracts';
import {
  ensureTestImage,
  natsFixture,
  pgFixture,
  removeLabeled,
  requireDocker,
  TEST_LABEL,
  uniqueName,
} from '@swarmops/testkit';
import type { NatsFixture, PgFixture } from '@swarmops/testkit';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServiceCli, dockerCli } from '../fixtures/inventory/docker-cli.js';
import { countByType, startEventLog } from '../fixtures/inventory/event-log.js';
import type { EventLog } from '../fixtures/inventory/event-log.js';
import { listedService } from '../fixtures/inventory/inventory-client.js';
import { startInventory } from '../fixtures/inventory/inventory-process.js';
import type { InventoryProcess } from '../fixtures/inventory/inventory-process.js';
import { pollUntil, sleep } from '../fixtures/inventory/poll.js';

// Acceptance of #3: CLI changes reach services.list within 2 s and each announces one event.
const THRESHOLD_MS = 2000;

let docker: Docker;
let image: string;
let pg: PgFixture;
let nats: NatsFixture;
let log: EventLog;
let inventory: InventoryProcess;
const scope = uniqueName('inv-live');

beforeAll(async () => {
  docker = await requireDocker();
  image = await ensureTestImage(docker);
  pg = await pgFixture();
  nats = await natsFixture('inventory-live-test');
  log = await startEventLog(nats.js);
  // A short resync, so several full reconciles run during the settle time and could double an event.
  inventory = await startInventory({
    databaseUrl: pg.url,
    env: { INVENTORY_RESYNC_SECONDS: '2', INVENTORY_TASK_POLL_SECONDS: '1' },
  });
  await inventory.ready();
});

afterAll(async () => {
  await removeLabeled(docker, scope).catch(() => undefined);
  await inventory?.stop();
  await log?.stop();
  await nats?.cleanup();
  await pg?.cleanup();
});

/** Milliseconds from now until `services.list` satisfies `check` (polled every 10 ms). */
async function latencyUntil(
  nc: NatsConnection,
  name: string,
  what: string,
  check: (s: Service | undefined) => boolean,
) {
  const started = performance.now();
  await pollUntil(what, async () => (check(await listedService(nc, name)) ? true : undefined), {
    maxMs: 15_000,
    everyMs: 10,
  });
  return Math.round(performance.now() - started);
}

describe('inventory against the live swarm', () => {
  it('shows CLI create, scale, update and remove in services.list within 2 s, one event each', async () => {
    const name = uniqueName('inv-live');
    const nc = nats.nc;
    const latency: Record<string, number> = {};

    await createServiceCli(name, image, { replicas: 0, labels: { [TEST_LABEL]: scope } });
    latency.create = await latencyUntil(nc, name, `${name} listed`, (s) => s !== undefined);

    await dockerCli('service', 'scale', '--detach', `${name}=1`);
    latency.scale = await latencyUntil(nc, name, `${name} scaled`, (s) => s?.replicas.desired === 1);

    await dockerCli('service', 'update', '--detach', '--label-add', 'colour=blue', name);
    latency.update = await latencyUntil(nc, name, `${name} updated`, (s) => s?.labels.colour === 'blue');

    await dockerCli('service', 'rm', name);
    latency.remove = await latencyUntil(nc, name, `${name} gone`, (s) => s === undefined);

    console.log(`services.list latency after the CLI returned (ms): ${JSON.stringify(latency)}`);
    for (const [step, ms] of Object.entries(latency)) {
      expect(ms, `${step} visible after ${ms} ms`).toBeLessThan(THRESHOLD_MS);
    }

    // Settle: the relay publishes, and a few full reconciles (every 2 s) run over the same state.
    await sleep(6000);
    const events = await log.ours(pg.pool, (e) => e.change.kind === 'service' && e.change.name === name);
    const counts = countByType(events);
    console.log(`events for ${name}: ${JSON.stringify(counts)}`);
    expect(counts).toEqual({
      [InventoryEventType.serviceCreated]: 1,
      [InventoryEventType.serviceScaled]: 1,
      [InventoryEventType.serviceUpdated]: 1,
      [InventoryEventType.serviceRemoved]: 1,
    });
    const scaled = events.find((e) => e.envelope.type === InventoryEventType.serviceScaled);
    expect(scaled?.change.changes.replicas).toMatchObject({ old: { desired: 0 }, new: { desired: 1 } });
    const updated = events.find((e) => e.envelope.type === InventoryEventType.serviceUpdated);
    expect(updated?.change.changes.labels?.new).toMatchObject({ colour: 'blue' });
    expect(new Set(events.map((e) => e.envelope.id)).size).toBe(events.length);
  });

  it.each([
    ['wrong type', Subjects.inventory.servicesList, { limit: 'ten' }, 'limit'],
    ['limit over the maximum', Subjects.inventory.servicesList, { limit: 1001 }, 'limit'],
    ['limit under the minimum', Subjects.inventory.nodesList, { limit: 0 }, 'limit'],
    ['unknown filter', Subjects.inventory.servicesList, { colour: 'blue' }, 'colour'],
    ['unknown task state', Subjects.inventory.tasksList, { state: 'sleeping' }, 'state'],
    ['bad label filter', Subjects.inventory.nodesList, { label: '=x' }, 'label'],
    ['missing id', Subjects.inventory.servicesGet, {}, 'id'],
    ['wrong type of id', Subjects.inventory.nodesGet, { id: 7 }, 'id'],
    ['forged cursor', Subjects.inventory.servicesList, { cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
  ])('refuses a %s with INVALID_REQUEST naming the field', async (_what, subject, body, field) => {
    const msg = await nats.nc.request(subject, new TextEncoder().encode(JSON.stringify(body)), {
      timeout: 2000,
    });
    const reply = JSON.parse(new TextDecoder().decode(msg.data)) as {
      ok: boolean;
      error?: { code: string; message: string; details?: { issues?: { path: string }[] } };
    };
    expect(reply.ok).toBe(false);
    expect(reply.error?.code).toBe('INVALID_REQUEST');
    expect(reply.error?.message).toContain(`\`${field}\``);
    expect(reply.error?.details?.issues?.map((i) => i.path)).toContain(field);
  });

  it('answers an unknown service with NOT_FOUND naming it', async () => {
    await expect(
      request(nats.nc, InventoryRpc.servicesGet, { id: 'no-such-service-x' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no-such-service-x') as string,
    });
  });
});
