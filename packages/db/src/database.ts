import { drizzle } from 'drizzle-orm/node-postgres';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as schema from './schema/index.js';

/** A drizzle database bound to the Swarmops schema. */
export type Database = NodePgDatabase<typeof schema>;

/** Wraps a pool (from {@link createPool}) in a drizzle database that knows every table. */
export function createDatabase(pool: pg.Pool): Database {
  return drizzle(pool, { schema });
}
