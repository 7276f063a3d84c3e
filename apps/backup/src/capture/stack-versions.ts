import { and, asc, eq, inArray } from 'drizzle-orm';
import { stackVersions } from '@swarmops/db';
import type { Database } from '@swarmops/db';
import type { ArchivedStackVersion } from '@swarmops/contracts';

/**
 * Every version the deployer recorded for this cluster's stacks (only `stacks` when given), oldest first
 * per stack. Read-only: the table is the deployer's.
 */
export async function readStackVersions(
  db: Database,
  clusterId: string,
  stacks: readonly string[] | null,
): Promise<Map<string, ArchivedStackVersion[]>> {
  const where =
    stacks === null
      ? eq(stackVersions.clusterId, clusterId)
      : and(eq(stackVersions.clusterId, clusterId), inArray(stackVersions.stack, [...stacks]));
  const rows = await db
    .select({
      stack: stackVersions.stack,
      version: stackVersions.version,
      compose: stackVersions.compose,
      env: stackVersions.env,
      strategy: stackVersions.strategy,
      deployedAt: stackVersions.deployedAt,
    })
    .from(stackVersions)
    .where(where)
    .orderBy(asc(stackVersions.stack), asc(stackVersions.version));
  const byStack = new Map<string, ArchivedStackVersion[]>();
  for (const row of rows) {
    const list = byStack.get(row.stack) ?? [];
    list.push({
      version: row.version,
      compose: row.compose,
      env: { ...row.env },
      strategy: row.strategy,
      deployedAt: row.deployedAt.toISOString(),
    });
    byStack.set(row.stack, list);
  }
  return byStack;
}
