import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPool } from './pool.js';
import { migrate } from './migrate.js';

// This package sits below @swarmops/testkit (which migrates with it), so it makes its own database.
function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL not set: run ./swarmops test (it starts PostgreSQL)');
  return url;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('migrate', () => {
  let name = '';
  let url = '';

  beforeEach(async () => {
    name = `t_db_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    const u = new URL(databaseUrl());
    u.pathname = `/${name}`;
    url = u.toString();
  });

  afterEach(async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  it('creates every table on a fresh database and is a no-op the second time', async () => {
    const first = await migrate({ url });
    expect(first.applied).toBeGreaterThan(0);
    expect(first.applied).toBe(first.total);

    const second = await migrate({ url });
    expect(second).toEqual({ applied: 0, total: first.total });

    const pool = createPool({ url, applicationName: 'db-test' });
    try {
      const res = await pool.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      );
      expect(res.rows.map((r) => r.table_name)).toEqual([
        'api_tokens',
        'audit_log',
        'backups',
        'cluster_state',
        'configs',
        'deployment_steps',
        'deployments',
        'healing_actions',
        'healing_policies',
        'health_check_state',
        'health_checks',
        'health_reports',
        'networks',
        'nodes',
        'outbox',
        'processed_events',
        'restores',
        'secrets',
        'services',
        'stack_versions',
        'stacks',
        'tasks',
      ]);
      const cols = await pool.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'cluster_id'",
      );
      expect(new Set(cols.rows.map((r) => r.table_name))).toEqual(
        new Set([
          'api_tokens',
          'audit_log',
          'backups',
          'cluster_state',
          'configs',
          'deployments',
          'healing_actions',
          'healing_policies',
          'health_check_state',
          'health_checks',
          'health_reports',
          'networks',
          'nodes',
          'outbox',
          'restores',
          'secrets',
          'services',
          'stack_versions',
          'stacks',
          'tasks',
        ]),
      );
    } finally {
      await pool.end();
    }
  });

  it('applies each migration once when several processes migrate at the same time', async () => {
    const results = await Promise.all([migrate({ url }), migrate({ url }), migrate({ url })]);
    const total = results[0].total;
    expect(results.reduce((sum, r) => sum + r.applied, 0)).toBe(total);
  });
});

describe('createPool', () => {
  it('cancels a statement that runs longer than statementTimeoutMs', async () => {
    const pool = createPool({ url: databaseUrl(), applicationName: 'db-test', statementTimeoutMs: 200 });
    try {
      await expect(pool.query('SELECT pg_sleep(5)')).rejects.toMatchObject({ code: '57014' });
      const ok = await pool.query<{ n: number }>('SELECT 1 AS n');
      expect(ok.rows[0]?.n).toBe(1);
    } finally {
      await pool.end();
    }
  });

  it('reports the application name to the server', async () => {
    const pool = createPool({ url: databaseUrl(), applicationName: 'db-test-app' });
    try {
      const res = await pool.query<{ application_name: string }>('SHOW application_name');
      expect(res.rows[0]?.application_name).toBe('db-test-app');
    } finally {
      await pool.end();
    }
  });
});
