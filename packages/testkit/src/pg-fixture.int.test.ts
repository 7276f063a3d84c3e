import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { testDatabaseUrl } from './env.js';
import { pgFixture } from './pg-fixture.js';
import { natsFixture } from './nats-fixture.js';

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    const res = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return res.rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('pgFixture', () => {
  it('gives a fresh migrated database and drops it in cleanup', async () => {
    const db = await pgFixture();
    try {
      const res = await db.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM outbox');
      expect(res.rows[0]?.n).toBe('0');
      expect(await databaseExists(db.name)).toBe(true);
    } finally {
      await db.cleanup();
    }
    expect(await databaseExists(db.name)).toBe(false);
  });
});

describe('natsFixture', () => {
  it('deletes the streams it named', async () => {
    const nats = await natsFixture();
    const stream = nats.uniqueStream('fixture');
    const subject = nats.uniqueSubject('fixture');
    await nats.jsm.streams.add({ name: stream, subjects: [subject] });
    await nats.cleanup();

    const check = await natsFixture();
    try {
      await expect(check.jsm.streams.info(stream)).rejects.toThrow(/stream not found/i);
    } finally {
      await check.cleanup();
    }
  });
});
