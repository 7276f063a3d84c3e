import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { createPool } from './pool.js';

// This package sits below @swarmops/testkit, so it makes its own database.
function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL not set: run ./swarmops test (it starts PostgreSQL)');
  return url;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('audit_log is append-only', () => {
  const name = `t_audit_${randomBytes(6).toString('hex')}`;
  let pool: pg.Pool;
  const id = randomUUID();

  beforeAll(async () => {
    await admin(`CREATE DATABASE "${name}"`);
    const u = new URL(databaseUrl());
    u.pathname = `/${name}`;
    await migrate({ url: u.toString() });
    pool = createPool({ url: u.toString(), applicationName: 'db-test' });
    await pool.query(
      `INSERT INTO audit_log (id, cluster_id, time, principal, tool, arguments, decision, outcome, duration_ms)
       VALUES ($1, 'local', now(), 'token:swo_test', 'list_nodes', '{}', 'allowed', 'ok', 3)`,
      [id],
    );
  });

  afterAll(async () => {
    await pool.end();
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('refuses an UPDATE, even by the owner', async () => {
    await expect(pool.query(`UPDATE audit_log SET outcome = 'error' WHERE id = $1`, [id])).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
  });

  it('refuses a DELETE', async () => {
    await expect(pool.query(`DELETE FROM audit_log WHERE id = $1`, [id])).rejects.toThrow(
      /append-only: DELETE refused/,
    );
  });

  it('refuses a TRUNCATE', async () => {
    await expect(pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
  });

  it('still holds the row unchanged afterwards', async () => {
    const res = await pool.query<{ outcome: string }>('SELECT outcome FROM audit_log WHERE id = $1', [id]);
    expect(res.rows).toEqual([{ outcome: 'ok' }]);
  });
});
