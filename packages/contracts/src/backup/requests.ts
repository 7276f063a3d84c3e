import { z } from 'zod';
import { StackNameSchema, ServiceRefSchema, TimeoutSecondsSchema } from '../deployer/requests.js';
import { ListRequestSchema } from '../paging.js';
import { BackupIdSchema } from './archive.js';
import { BackupTriggerSchema } from './backup.js';

// Requests are strict: an unknown field is refused with INVALID_REQUEST naming it.

export const BackupCreateRequestSchema = z.strictObject({
  /** Only these stacks (their services, networks, configs, secrets and versions); cluster-wide parts are kept. */
  stacks: z.array(StackNameSchema).min(1).max(200).optional(),
  /** Wait for the archive (true) or return `{ accepted }`-style `running` at once and report progress as events. */
  wait: z.boolean().default(true),
  /** Chosen by the caller so it can follow progress events before the reply arrives. */
  backupId: BackupIdSchema.optional(),
  trigger: BackupTriggerSchema.default('manual'),
  requestedBy: z.string().min(1).max(255).optional(),
});

export const BackupListRequestSchema = z.strictObject({ ...ListRequestSchema.shape });

export const BackupGetRequestSchema = z.strictObject({ backupId: BackupIdSchema });

export const BackupVerifyRequestSchema = z.strictObject({
  backupId: BackupIdSchema,
  /** Restrict the plan like restore would. */
  stacks: z.array(StackNameSchema).min(1).max(200).optional(),
  services: z.array(ServiceRefSchema).min(1).max(1000).optional(),
});

export const BackupRestoreRequestSchema = z.strictObject({
  backupId: BackupIdSchema,
  /** Only these stacks / services; everything in the archive when both are absent. */
  stacks: z.array(StackNameSchema).min(1).max(200).optional(),
  services: z.array(ServiceRefSchema).min(1).max(1000).optional(),
  /** Return the plan and change nothing. */
  dryRun: z.boolean().default(false),
  wait: z.boolean().default(true),
  timeoutSeconds: TimeoutSecondsSchema.optional(),
  restoreId: z.uuid().optional(),
  requestedBy: z.string().min(1).max(255).optional(),
});
