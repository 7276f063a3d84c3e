import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPool, migrate } from '@swarmops/db';
import { testDatabaseUrl } from './env.js';

/** A fresh, migrated database that {@link PgFixture.cleanup} drops. */
export interface PgFixture {
  /** Database name, `t_<random>`. */
  readonly name: string;
  /** Connection string of the fresh database. */
  readonly url: string;
  /** A pool on the fresh database (closed in cleanup). */
  readonly pool: pg.Pool;
  /** Closes the pool and drops the database, disconnecting any other session. */
  cleanup(): Promise<void>;
}

/** Options for {@link pgFixture}. */
export interface PgFixtureOptions {
  /** Apply the committed migrations of `@swarmops/db`. Default true. */
  migrate?: boolean;
  /** Pool size. Default 10. */
  max?: number;
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (cause) {
    throw new Error(`PostgreSQL not reachable at DATABASE_URL: run ./swarmops test (${String(cause)})`, {
      cause,
    });
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a database `t_<random>` next to `DATABASE_URL`'s, migrated with `@swarmops/db`.
 * A fresh database (rather than a schema) is used because drizzle's migrator keeps its journal
 * in the database it migrates.
 *
 * @example
 * const db = await pgFixture();
 * try { await db.pool.query('select 1'); } finally { await db.cleanup(); }
 */
export async function pgFixture({
  migrate: runMigrations = true,
  max = 10,
}: PgFixtureOptions = {}): Promise<PgFixture> {
  const adminUrl = testDatabaseUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  try {
    if (runMigrations) await migrate({ url: url.toString() });
  } catch (err) {
    await drop();
    throw err;
  }
  const pool = createPool({ url: url.toString(), applicationName: 'testkit', max });
  return {
    name,
    url: url.toString(),
    pool,
    async cleanup() {
      try {
        await pool.end();
      } finally {
        await drop();
      }
    },
  };
}
