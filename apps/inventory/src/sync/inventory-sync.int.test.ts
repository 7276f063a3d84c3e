import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestImage, pgFixture, requireDocker, withDockerCleanup } from '@swarmops/testkit';
import type { PgFixture } from '@swarmops/testkit';
import type Docker from 'dockerode';
import { createInventorySync } from './index.js';
import { createSleeper, outboxTypes, scaleService, settled, waitFor } from './test-helpers.js';

let docker: Docker;
let image: string;
let db: PgFixture;

beforeAll(async () => {
  docker = await requireDocker();
  image = await ensureTestImage(docker);
  db = await pgFixture();
});

afterAll(async () => {
  await db?.cleanup();
});

/** A sync that only reconciles when asked (no watcher, no timers). */
const manualSync = (pool: pg.Pool) => createInventorySync({ docker, pool });

async function serviceRow(pool: pg.Pool, id: string) {
  const { rows } = await pool.query<{
    name: string;
    doc: { replicas: { desired: number; running: number } };
  }>('SELECT name, doc FROM services WHERE service_id = $1', [id]);
  return rows[0];
}

describe('inventory sync against the real swarm', () => {
  it('stores a new service and announces each change exactly once, and nothing when nothing changed', async () => {
    await withDockerCleanup(docker, async ({ labels, name }) => {
      const sync = manualSync(db.pool);
      const id = await createSleeper(docker, { name: name('inv-sync'), labels, image });

      await sync.reconcileNow();
      expect(sync.clusterId).toMatch(/^[a-z0-9]{25}$/);
      expect((await serviceRow(db.pool, id))?.doc.replicas.desired).toBe(1);
      expect(await outboxTypes(db.pool, id)).toEqual(['service.created']);

      await scaleService(docker, id, 2);
      await sync.reconcileNow();
      expect(await outboxTypes(db.pool, id)).toEqual(['service.created', 'service.scaled']);

      await waitFor('both replicas running', () => settled(docker, id, 2));
      await sync.reconcileNow();
      expect((await serviceRow(db.pool, id))?.doc.replicas).toEqual({ desired: 2, running: 2 });
      const { rows: tasks } = await db.pool.query<{ task_id: string }>(
        'SELECT task_id FROM tasks WHERE service_id = $1',
        [id],
      );
      const before = await countEventsFor(db.pool, [id, ...tasks.map((t) => t.task_id)]);
      await sync.reconcileNow();
      expect(await countEventsFor(db.pool, [id, ...tasks.map((t) => t.task_id)])).toBe(before);
      expect(await outboxTypes(db.pool, id)).toEqual(['service.created', 'service.scaled']);
    });
  });

  it('announces a change once when two processes reconcile at the same time', async () => {
    await withDockerCleanup(docker, async ({ labels, name }) => {
      const a = manualSync(db.pool);
      const b = manualSync(db.pool);
      const id = await createSleeper(docker, { name: name('inv-race'), labels, image });
      await Promise.all([a.reconcileNow(), b.reconcileNow(), a.reconcileNow(), b.reconcileNow()]);
      expect(await outboxTypes(db.pool, id)).toEqual(['service.created']);

      await scaleService(docker, id, 3);
      await Promise.all([a.reconcileNow(), b.reconcileNow(), a.reconcileNow(), b.reconcileNow()]);
      expect(await outboxTypes(db.pool, id)).toEqual(['service.created', 'service.scaled']);
    });
  });

  it('follows Docker events and the task poll without a full resync, and persists the event time', async () => {
    await withDockerCleanup(docker, async ({ labels, name }) => {
      const sync = createInventorySync({
        docker,
        pool: db.pool,
        resyncSeconds: 3600,
        taskPollSeconds: 1,
        debounceMs: 50,
      });
      await sync.start();
      try {
        const id = await createSleeper(docker, { name: name('inv-live'), labels, image });
        await waitFor(
          'the service row from its Docker event',
          async () => (await serviceRow(db.pool, id)) ?? undefined,
        );
        await waitFor('running replica counted by the task poll', async () =>
          (await serviceRow(db.pool, id))?.doc.replicas.running === 1 ? true : undefined,
        );
        await scaleService(docker, id, 0);
        await waitFor('scale to 0 stored', async () =>
          (await serviceRow(db.pool, id))?.doc.replicas.desired === 0 ? true : undefined,
        );
        await docker.getService(id).remove();
        await waitFor('service row removed', async () =>
          (await serviceRow(db.pool, id)) ? undefined : true,
        );
        expect(await outboxTypes(db.pool, id)).toEqual([
          'service.created',
          'service.scaled',
          'service.removed',
        ]);
        const { rows } = await db.pool.query<{ events_since: string | null }>(
          'SELECT events_since FROM cluster_state WHERE cluster_id = $1',
          [sync.clusterId],
        );
        expect(rows[0]?.events_since).toMatch(/^\d{19}$/);
      } finally {
        await sync.stop();
      }
    });
  });
});

async function countEventsFor(pool: pg.Pool, ids: string[]): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM outbox WHERE payload->'data'->>'id' = ANY($1::text[])`,
    [ids],
  );
  return Number(rows[0]?.n ?? 0);
}
