import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgFixture } from '@swarmops/testkit';
import type { PgFixture } from '@swarmops/testkit';
import { applyOnce } from './apply-once.js';

describe('applyOnce', () => {
  let db: PgFixture;

  beforeEach(async () => {
    db = await pgFixture();
    await db.pool.query('CREATE TABLE effects (id bigserial PRIMARY KEY, event_id text NOT NULL)');
  });

  afterEach(async () => {
    await db.cleanup();
  });

  const count = async (sql: string) => Number((await db.pool.query<{ n: string }>(sql)).rows[0]?.n);
  const effect =
    (eventId: string) =>
    async ({ client }: { client: { query: (q: string, v: unknown[]) => Promise<unknown> } }) => {
      await client.query('INSERT INTO effects (event_id) VALUES ($1)', [eventId]);
      return 'done';
    };

  it('applies an event once and makes a redelivery a no-op', async () => {
    const key = { consumer: 'c1', eventId: 'e1' };
    await expect(applyOnce(db.pool, key, effect('e1'))).resolves.toEqual({ applied: true, result: 'done' });
    await expect(applyOnce(db.pool, key, effect('e1'))).resolves.toEqual({ applied: false });
    await expect(applyOnce(db.pool, { consumer: 'c2', eventId: 'e1' }, effect('e1'))).resolves.toMatchObject({
      applied: true,
    });
    expect(await count('SELECT count(*) AS n FROM effects')).toBe(2);
  });

  it('rolls back the inbox record with a failed effect, so a retry applies it', async () => {
    const key = { consumer: 'c1', eventId: 'e2' };
    await expect(
      applyOnce(db.pool, key, async ({ client }) => {
        await client.query('INSERT INTO effects (event_id) VALUES ($1)', ['e2']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await count('SELECT count(*) AS n FROM processed_events')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM effects')).toBe(0);
    await expect(applyOnce(db.pool, key, effect('e2'))).resolves.toMatchObject({ applied: true });
  });

  it('applies once when copies of the same event race', async () => {
    const key = { consumer: 'c1', eventId: 'e3' };
    const results = await Promise.all(Array.from({ length: 8 }, () => applyOnce(db.pool, key, effect('e3'))));
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    expect(await count("SELECT count(*) AS n FROM effects WHERE event_id = 'e3'")).toBe(1);
  });
});
