import { z } from 'zod';
import { BackupIdSchema } from './archive.js';

/** Every event type backup emits. Progress events let the gateway send MCP progress notifications. */
export const BackupEventType = {
  started: 'backup.started',
  progress: 'backup.progress',
  succeeded: 'backup.succeeded',
  failed: 'backup.failed',
  restoreStarted: 'backup.restore.started',
  restoreProgress: 'backup.restore.progress',
  restoreSucceeded: 'backup.restore.succeeded',
  restoreFailed: 'backup.restore.failed',
} as const;
export type BackupEventType = (typeof BackupEventType)[keyof typeof BackupEventType];

/** `data` of every backup and restore event. */
export const BackupEventDataSchema = z.object({
  backupId: BackupIdSchema,
  /** Set on restore events. */
  restoreId: z.uuid().nullable().default(null),
  /** e.g. `capture services`, `pg_dump`, `write archive`, `apply stack shop`. */
  step: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  message: z.string(),
  error: z.string().nullable().default(null),
});
export type BackupEventData = z.infer<typeof BackupEventDataSchema>;
