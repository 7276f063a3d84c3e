import type pg from 'pg';

/** The tables reads and reconcile need; created by the migrations `./swarmops up` applies. */
export const INVENTORY_TABLES = [
  'nodes',
  'services',
  'tasks',
  'stacks',
  'networks',
  'configs',
  'secrets',
  'cluster_state',
  'outbox',
] as const;

/** Throws naming the missing tables, and how to create them, when the database is not migrated. */
export async function assertInventoryTables(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT t AS name FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NULL`,
    [INVENTORY_TABLES],
  );
  if (rows.length > 0) {
    const missing = rows.map((r) => r.name).join(', ');
    throw new Error(
      `inventory tables missing in DATABASE_URL (${missing}): run the migrations (./swarmops up, or pnpm --filter @swarmops/db migrate)`,
    );
  }
}
