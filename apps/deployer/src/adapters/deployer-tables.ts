import type pg from 'pg';

/** The tables the deployer needs; created by the migrations `./swarmops up` applies. */
export const DEPLOYER_TABLES = ['deployments', 'deployment_steps', 'stack_versions', 'outbox'] as const;

/** Throws naming the missing tables, and how to create them, when the database is not migrated. */
export async function assertDeployerTables(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT t AS name FROM unnest($1::text[]) AS t WHERE to_regclass(t) IS NULL`,
    [DEPLOYER_TABLES],
  );
  if (rows.length > 0) {
    const missing = rows.map((r) => r.name).join(', ');
    throw new Error(
      `deployer tables missing in DATABASE_URL (${missing}): run the migrations (./swarmops up, or pnpm --filter @swarmops/db migrate)`,
    );
  }
}
