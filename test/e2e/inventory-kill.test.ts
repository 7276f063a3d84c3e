import { applyOnce } from '@swarmops/bus';
import { InventoryEventType } from '@swarmops/contracts';
import {
  ensureTestImage,
  natsFixture,
  pgFixture,
  removeLabeled,
  requireDocker,
  TEST_LABEL,
  uniqueName,
} from '@swarmops/testkit';
import type Docker from 'dockerode';
import type pg from 'pg';
import { expect, it } from 'vitest';
import { startEventLog } from '../fixtures/inventory/event-log.js';
import type { EventLog } from '../fixtures/inventory/event-log.js';
import { startInventory } from '../fixtures/inventory/inventory-process.js';
import type { InventoryProcess } from '../fixtures/inventory/inventory-process.js';
import { pollUntil, sleep } from '../fixtures/inventory/poll.js';
import { compareStoreWithDocker } from '../fixtures/inventory/store-vs-docker.js';
import type { Mismatch } from '../fixtures/inventory/store-vs-docker.js';

const INITIAL = 60;
const ADDED_PER_ROUND = 5;
// A reconcile writes its diff and outbox rows in one transaction. Each round SIGKILLs the process
// this many milliseconds after that transaction has written its first row (seen in pg_stat_activity
// as an inventory backend holding a transaction id), so the kill lands inside the write.
const KILL_AFTER_WRITE_MS = [0, 2, 5, 10, 25, 50, 100, 200];

/** Waits until an inventory backend of `database` is inside a writing transaction; false if the process settled first. */
async function untilWriting(pool: pg.Pool, database: string, inventory: InventoryProcess): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = $1 AND application_name = 'inventory' AND backend_xid IS NOT NULL`,
      [database],
    );
    if ((rows[0]?.n ?? 0) > 0) return true;
    if (inventory.output().includes('first reconcile done') || inventory.child.exitCode !== null)
      return false;
  }
  return false;
}

async function createServices(docker: Docker, image: string, labels: Record<string, string>, count: number) {
  const names = Array.from({ length: count }, () => uniqueName('inv-kill'));
  for (let i = 0; i < names.length; i += 10) {
    await Promise.all(
      names.slice(i, i + 10).map((Name) =>
        docker.createService({
          Name,
          Labels: labels,
          TaskTemplate: { ContainerSpec: { Image: image, Command: ['sleep', '3600'], Init: true } },
          Mode: { Replicated: { Replicas: 0 } },
        }),
      ),
    );
  }
  return names;
}

it('after kill -9 in the middle of reconciles, the store equals Docker and no event is lost or applied twice', async () => {
  const docker = await requireDocker();
  const image = await ensureTestImage(docker);
  const pg = await pgFixture();
  const nats = await natsFixture('inventory-kill-test');
  const scope = uniqueName('inv-kill');
  const labels = { [TEST_LABEL]: scope };
  let log: EventLog | undefined;
  let inventory: InventoryProcess | undefined;
  try {
    log = await startEventLog(nats.js);
    const names = new Set(await createServices(docker, image, labels, INITIAL));
    const rounds: {
      afterWriteMs: number;
      midWrite: boolean;
      storedServices: number;
      outboxRows: number;
      unsent: number;
    }[] = [];
    for (const afterWriteMs of KILL_AFTER_WRITE_MS) {
      inventory = await startInventory({ databaseUrl: pg.url });
      const midWrite = await untilWriting(pg.pool, pg.name, inventory);
      if (afterWriteMs > 0) await sleep(afterWriteMs);
      await inventory.stop('SIGKILL');
      const { rows } = await pg.pool.query<{ services: number; outbox: number; unsent: number }>(
        `SELECT (SELECT count(*) FROM services)::int AS services, (SELECT count(*) FROM outbox)::int AS outbox,
                (SELECT count(*) FROM outbox WHERE sent_at IS NULL)::int AS unsent`,
      );
      const row = rows[0];
      rounds.push({
        afterWriteMs,
        midWrite,
        storedServices: row?.services ?? 0,
        outboxRows: row?.outbox ?? 0,
        unsent: row?.unsent ?? 0,
      });
      // Every round finds new work: services the store has not seen yet.
      for (const name of await createServices(docker, image, labels, ADDED_PER_ROUND)) names.add(name);
    }
    console.log(`kill -9 rounds (committed after the kill): ${JSON.stringify(rounds)}`);
    expect(rounds.filter((r) => r.midWrite).length).toBeGreaterThan(0);

    inventory = await startInventory({ databaseUrl: pg.url, env: { INVENTORY_RESYNC_SECONDS: '5' } });
    await inventory.ready();

    // Field by field; other tests may be changing the shared engine, so allow them to settle.
    let last: { mismatches: Mismatch[]; counts: Record<string, number> } | undefined;
    await pollUntil(
      'the store to equal Docker',
      async () => {
        last = await compareStoreWithDocker(pg.pool, docker);
        return last.mismatches.length === 0 ? true : undefined;
      },
      { maxMs: 20_000, everyMs: 500 },
    ).catch(() => undefined);
    console.log(
      `compared with Docker: ${JSON.stringify(last?.counts)}, mismatches ${last?.mismatches.length}`,
    );
    expect(last?.mismatches.slice(0, 5)).toEqual([]);

    await pollUntil('the outbox to be relayed', async () => {
      const { rows } = await pg.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL',
      );
      return rows[0]?.n === 0 ? true : undefined;
    });
    await sleep(1000);
    const events = await log.ours(pg.pool, (e) => e.change.kind === 'service' && names.has(e.change.name));
    // No event lost: every outbox row about these services reached the stream, each exactly once.
    const { rows: outboxRows } = await pg.pool.query<{ id: string; name: string }>(
      `SELECT id::text AS id, payload->'data'->>'name' AS name FROM outbox WHERE payload->'data'->>'kind' = 'service'`,
    );
    const onStream = new Set(events.map((e) => e.envelope.id));
    expect(outboxRows.filter((r) => names.has(r.name) && !onStream.has(r.id))).toEqual([]);
    expect(onStream.size).toBe(events.length);

    // A consumer applying with applyOnce: each event id takes effect once, a redelivery none.
    await pg.pool.query('CREATE TABLE e2e_applied (event_id text, type text, service text)');
    const apply = (e: (typeof events)[number]) =>
      applyOnce(pg.pool, { consumer: 'inventory-kill-e2e', eventId: e.envelope.id }, ({ client }) =>
        client.query('INSERT INTO e2e_applied VALUES ($1, $2, $3)', [
          e.envelope.id,
          e.envelope.type,
          e.change.name,
        ]),
      );
    const first = await Promise.all(events.map(apply));
    const again = await Promise.all(events.map(apply));
    expect(again.filter((r) => r.applied)).toHaveLength(0);
    const { rows: applied } = await pg.pool.query<{ type: string; service: string; n: number }>(
      'SELECT type, service, count(*)::int AS n FROM e2e_applied GROUP BY type, service',
    );
    expect(applied.filter((r) => r.n !== 1)).toEqual([]);
    const created = applied.filter((r) => r.type === InventoryEventType.serviceCreated).map((r) => r.service);
    console.log(
      `events: ${events.length} on the stream from this store, ${first.filter((r) => r.applied).length} applied, ` +
        `${created.length} service.created for ${names.size} services`,
    );
    expect(created.sort()).toEqual([...names].sort());
    expect(applied.filter((r) => r.type === InventoryEventType.serviceRemoved)).toEqual([]);
  } finally {
    await inventory?.stop('SIGKILL');
    await removeLabeled(docker, scope, 60_000);
    await log?.stop();
    await nats.cleanup();
    await pg.cleanup();
  }
});
