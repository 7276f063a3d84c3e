import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestImage, pgFixture, requireDocker, withDockerCleanup } from '@swarmops/testkit';
import type { PgFixture } from '@swarmops/testkit';
import type Docker from 'dockerode';
import { createSleeper, outboxTypes } from '../sync/test-helpers.js';
import { createDockerSource } from './docker-source.js';
import { INVENTORY_TABLES } from './inventory-reader-tables.js';
import { createInventoryWriter } from './inventory-writer.js';

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

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of INVENTORY_TABLES) {
    const { rows } = await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    counts[table] = Number(rows[0]?.n);
  }
  return counts;
}

describe('inventory writer', () => {
  it('leaves nothing behind when a reconcile fails after writing its batch, then applies it whole', async () => {
    await withDockerCleanup(docker, async ({ labels, name }) => {
      const secretData = Buffer.from(`never-stored-${name('x')}`).toString('base64');
      const secret = (await docker.createSecret({
        Name: name('inv-secret'),
        Labels: labels,
        Data: secretData,
      })) as {
        id: string;
      };
      const serviceId = await createSleeper(docker, { name: name('inv-write'), labels, image });
      const source = createDockerSource(docker);
      const observation = await source.full();
      const clusterId = observation.swarm.ID;

      let written = 0;
      const failing = createInventoryWriter({
        pool: db.pool,
        beforeCommit: async (result) => {
          written = result.events.length;
          const { rows } = await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox');
          expect(Number(rows[0]?.n)).toBe(0); // not visible outside the transaction
          throw new Error('injected crash before commit');
        },
      });
      const empty = await rowCounts();
      await expect(failing.apply({ clusterId, observation, reconcileStartedAt: new Date() })).rejects.toThrow(
        'injected crash',
      );
      expect(written).toBeGreaterThan(0);
      expect(await rowCounts()).toEqual(empty);

      const writer = createInventoryWriter({ pool: db.pool });
      const applied = await writer.apply({
        clusterId,
        observation,
        reconcileStartedAt: new Date(),
        eventsSince: 42n,
      });
      expect(applied.events).toHaveLength(written);
      const after = await rowCounts();
      expect(after.outbox).toBe(written);
      expect(after.services).toBeGreaterThan(0);
      expect(await outboxTypes(db.pool, serviceId)).toEqual(['service.created']);
      expect(await outboxTypes(db.pool, secret.id)).toEqual(['secret.created']);
      expect(await writer.readState(clusterId)).toMatchObject({ eventsSince: 42n });

      const again = await writer.apply({ clusterId, observation, eventsSince: 41n });
      expect(await writer.readState(clusterId)).toMatchObject({ eventsSince: 42n }); // never moves back
      expect(again.changes).toEqual([]);

      const { rows } = await db.pool.query<{ dump: string }>(
        `SELECT concat((SELECT string_agg(doc::text, '') FROM secrets), (SELECT string_agg(payload::text, '') FROM outbox),
                       (SELECT swarm::text FROM cluster_state)) AS dump`,
      );
      expect(rows[0]?.dump).toContain(secret.id);
      expect(rows[0]?.dump).not.toContain(secretData);
      expect(rows[0]?.dump).not.toContain('SWMTKN');
    });
  });
});
