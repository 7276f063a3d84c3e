import { z } from 'zod';
import { TimestampSchema } from '../model/common.js';
import { BackupCountsSchema, BackupIdSchema } from './archive.js';

/** Why a backup was made. */
export const BackupTriggerSchema = z.enum(['manual', 'schedule']);
export type BackupTrigger = z.infer<typeof BackupTriggerSchema>;

/**
 * One archive. The first six fields are the fixed `backup_configs` reply; the rest describe it further.
 * `location` is where the store keeps it (a file path for the local store).
 */
export const BackupSummarySchema = z.object({
  backupId: BackupIdSchema,
  createdAt: TimestampSchema,
  location: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
  /** sha256 of the archive file as stored (after encryption when encrypted). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  counts: BackupCountsSchema,
  clusterId: z.string().min(1),
  encrypted: z.boolean(),
  stacks: z.array(z.string()).nullable(),
  trigger: BackupTriggerSchema,
  swarmopsVersion: z.string().min(1),
  durationMs: z.number().int().nonnegative(),
  requestedBy: z.string().nullable(),
});
export type BackupSummary = z.infer<typeof BackupSummarySchema>;
