import { and, eq } from 'drizzle-orm';
import type pg from 'pg';
import { enqueueOutbox } from '@swarmops/bus';
import type { EventEnvelope, RestoreResult } from '@swarmops/contracts';
import { createDatabase, schema } from '@swarmops/db';

/** The `restores` table: every restore (dry runs included) with its plan and result. */
export interface RestoresRepo {
  /** Records a restore as it starts (`running`) or as a finished dry run (`planned`), with its events. */
  insert(
    clusterId: string,
    result: RestoreResult,
    requestedBy: string | null,
    events: EventEnvelope[],
  ): Promise<void>;
  /** Ends a running restore with its result and final event. */
  finish(result: RestoreResult, events: EventEnvelope[]): Promise<void>;
  /** Marks restores left `running` by a stopped service as failed; returns their ids. */
  failInterrupted(clusterId: string, error: string, at: Date): Promise<string[]>;
}

/** {@link RestoresRepo} on PostgreSQL through drizzle. */
export function createRestoresRepo(pool: pg.Pool): RestoresRepo {
  const db = createDatabase(pool);
  const t = schema.restores;
  return {
    async insert(clusterId, result, requestedBy, events) {
      await db.transaction(async (tx) => {
        await tx.insert(t).values({
          id: result.restoreId,
          clusterId,
          backupId: result.backupId,
          status: result.status,
          requestedBy,
          startedAt: new Date(result.startedAt),
          finishedAt: result.finishedAt === null ? null : new Date(result.finishedAt),
          plan: { ...result.plan },
          result: { ...result },
          error: result.error,
        });
        await enqueueOutbox(tx, events);
      });
    },
    async finish(result, events) {
      await db.transaction(async (tx) => {
        await tx
          .update(t)
          .set({
            status: result.status,
            finishedAt: result.finishedAt === null ? null : new Date(result.finishedAt),
            result: { ...result },
            error: result.error,
          })
          .where(and(eq(t.id, result.restoreId), eq(t.status, 'running')));
        await enqueueOutbox(tx, events);
      });
    },
    async failInterrupted(clusterId, error, at) {
      const rows = await db
        .update(t)
        .set({ status: 'failed', finishedAt: at, error })
        .where(and(eq(t.clusterId, clusterId), eq(t.status, 'running')))
        .returning({ id: t.id });
      return rows.map((r) => r.id);
    },
  };
}
