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
 * `DROP DATABASE ... WITH (FORCE)`. FORCE may meet a backend of another role on the database (an
 * autovacuum worker started on it), which only pg_signal_backend may terminate; such a worker ends
 * within moments, so the drop is retried a bounded number of times.
 */
async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      return;
    } catch (err) {
      const insufficientPrivilege = (err as { code?: string }).code === '42501';
      if (!insufficientPrivilege || attempt >= 40) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
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
  const drop = () => dropDatabase(adminUrl, name);
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
