import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as drizzleMigrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { migrationsFolder as defaultFolder } from './migrations-folder.js';

/** Options for {@link migrate}. */
export interface MigrateOptions {
  /** Connection string of the database to migrate. */
  url: string;
  /** Folder of drizzle-kit migrations. Defaults to the package's committed `drizzle/` folder. */
  migrationsFolder?: string;
  /** Milliseconds to wait for the connection. Default 5000. */
  connectTimeoutMs?: number;
}

/** Result of {@link migrate}. */
export interface MigrateResult {
  /** Migrations applied by this call (0 when the database was already current). */
  applied: number;
  /** Migrations recorded in the database after this call. */
  total: number;
}

// Arbitrary constant shared by every migrator, so concurrent starts apply migrations one at a time.
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Applies the committed migrations to the database at `url`. Idempotent, and safe to run from
 * several processes at once: the run holds a PostgreSQL advisory lock.
 *
 * Tests get a fresh schema by migrating a fresh database (see `pgFixture` in `@swarmops/testkit`),
 * because drizzle's migrator keeps its journal in the `drizzle` schema of the database it runs on.
 */
export async function migrate({
  url,
  migrationsFolder = defaultFolder,
  connectTimeoutMs = 5000,
}: MigrateOptions): Promise<MigrateResult> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutMs,
    application_name: 'swarmops-migrate',
  });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const before = await countApplied(client);
    await drizzleMigrate(drizzle(client), { migrationsFolder });
    const total = await countApplied(client);
    return { applied: total - before, total };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

async function countApplied(client: pg.Client): Promise<number> {
  const exists = await client.query<{ t: string | null }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations')::text AS t",
  );
  if (!exists.rows[0]?.t) return 0;
  const res = await client.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM drizzle.__drizzle_migrations',
  );
  return Number(res.rows[0]?.n ?? 0);
}
