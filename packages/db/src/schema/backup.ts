import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Owned by backup. The archives themselves live in the store (BACKUP_DIR); these rows record every backup and
// restore run, including the ones that failed, so history survives the retention of archive files.

type Doc = Record<string, unknown>;

/** One backup run. `summary` is the BackupSummary once the archive is written. */
export const backups = pgTable(
  'backups',
  {
    id: text('id').primaryKey(),
    clusterId: text('cluster_id').notNull(),
    /** `running` | `succeeded` | `failed` | `pruned` (removed by retention). */
    status: text('status').notNull(),
    /** `manual` | `schedule`. */
    trigger: text('trigger').notNull(),
    requestedBy: text('requested_by'),
    stacks: jsonb('stacks').$type<string[] | null>(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    location: text('location'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    sha256: text('sha256'),
    summary: jsonb('summary').$type<Doc>(),
    error: text('error'),
  },
  (t) => [index('backups_started_idx').on(t.clusterId, t.startedAt)],
);

/** One restore run (dry runs included). `plan` and `result` are the contracts' RestorePlan / RestoreResult. */
export const restores = pgTable(
  'restores',
  {
    id: uuid('id').primaryKey(),
    clusterId: text('cluster_id').notNull(),
    backupId: text('backup_id').notNull(),
    /** `planned` | `running` | `succeeded` | `failed`. */
    status: text('status').notNull(),
    requestedBy: text('requested_by'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    plan: jsonb('plan').$type<Doc>(),
    result: jsonb('result').$type<Doc>(),
    error: text('error'),
  },
  (t) => [index('restores_started_idx').on(t.clusterId, t.startedAt)],
);
