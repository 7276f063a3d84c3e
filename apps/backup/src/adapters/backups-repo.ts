import { and, eq, inArray } from 'drizzle-orm';
import type pg from 'pg';
import { enqueueOutbox } from '@swarmops/bus';
import { AppError, ErrorCode } from '@swarmops/contracts';
import type { BackupSummary, EventEnvelope } from '@swarmops/contracts';
import { createDatabase, schema } from '@swarmops/db';

/** A backup run as it starts. */
export interface NewBackupRow {
  id: string;
  clusterId: string;
  trigger: string;
  requestedBy: string | null;
  stacks: string[] | null;
  startedAt: Date;
}

/** A recorded backup run. */
export interface BackupRow extends NewBackupRow {
  status: 'running' | 'succeeded' | 'failed' | 'pruned';
  finishedAt: Date | null;
  error: string | null;
}

/** The `backups` table: one row per run, its status changes committed with their outbox events. */
export interface BackupsRepo {
  /** Records a running backup and its started event; a used id is refused with CONFLICT. */
  start(row: NewBackupRow, events: EventEnvelope[]): Promise<void>;
  succeed(id: string, summary: BackupSummary, at: Date, events: EventEnvelope[]): Promise<void>;
  fail(id: string, error: string, at: Date, events: EventEnvelope[]): Promise<void>;
  /** Marks archives removed by retention. */
  markPruned(clusterId: string, ids: readonly string[]): Promise<void>;
  get(id: string): Promise<BackupRow | null>;
  /** Marks runs left `running` by a stopped service as failed; returns their ids. */
  failInterrupted(clusterId: string, error: string, at: Date): Promise<string[]>;
}

/** {@link BackupsRepo} on PostgreSQL through drizzle. */
export function createBackupsRepo(pool: pg.Pool): BackupsRepo {
  const db = createDatabase(pool);
  const t = schema.backups;
  const end = (id: string, set: Partial<typeof t.$inferInsert>, events: EventEnvelope[]) =>
    db.transaction(async (tx) => {
      await tx
        .update(t)
        .set(set)
        .where(and(eq(t.id, id), eq(t.status, 'running')));
      await enqueueOutbox(tx, events);
    });
  return {
    async start(row, events) {
      try {
        await db.transaction(async (tx) => {
          await tx.insert(t).values({ ...row, status: 'running' });
          await enqueueOutbox(tx, events);
        });
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new AppError(ErrorCode.CONFLICT, `backup id ${row.id} is already used`, {
            cause: err,
            details: { backupId: row.id },
          });
        }
        throw err;
      }
    },
    succeed: (id, summary, at, events) =>
      end(
        id,
        {
          status: 'succeeded',
          finishedAt: at,
          location: summary.location,
          sizeBytes: summary.sizeBytes,
          sha256: summary.sha256,
          summary: { ...summary },
        },
        events,
      ),
    fail: (id, error, at, events) => end(id, { status: 'failed', finishedAt: at, error }, events),
    async markPruned(clusterId, ids) {
      if (ids.length === 0) return;
      await db
        .update(t)
        .set({ status: 'pruned' })
        .where(and(eq(t.clusterId, clusterId), inArray(t.id, [...ids])));
    },
    async get(id) {
      const rows = await db.select().from(t).where(eq(t.id, id));
      const row = rows[0];
      if (row === undefined) return null;
      return {
        id: row.id,
        clusterId: row.clusterId,
        trigger: row.trigger,
        requestedBy: row.requestedBy,
        stacks: row.stacks ?? null,
        startedAt: row.startedAt,
        status: row.status as BackupRow['status'],
        finishedAt: row.finishedAt,
        error: row.error,
      };
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

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
