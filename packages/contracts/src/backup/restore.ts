import { z } from 'zod';
import { PlanFieldChangeSchema } from '../deployer/plan.js';
import { TimestampSchema } from '../model/common.js';
import { BackupIdSchema, BackupManifestSchema } from './archive.js';

/** The kinds of object a restore puts back, in the order it applies them. */
export const RestoreObjectKind = {
  swarm: 'swarm',
  node: 'node',
  network: 'network',
  config: 'config',
  secret: 'secret',
  service: 'service',
  stackVersion: 'stack-version',
} as const;
export type RestoreObjectKind = (typeof RestoreObjectKind)[keyof typeof RestoreObjectKind];
export const RestoreObjectKindSchema = z.enum(
  Object.values(RestoreObjectKind) as [RestoreObjectKind, ...RestoreObjectKind[]],
);

/**
 * What restore does with one object. `skip` is something it cannot restore (the reason says why and what to
 * do, e.g. a secret with no value in the secrets file, or a node with no matching hostname).
 */
export const RestoreActionSchema = z.enum(['create', 'update', 'unchanged', 'skip']);
export type RestoreAction = z.infer<typeof RestoreActionSchema>;

export const RestorePlanItemSchema = z.object({
  kind: RestoreObjectKindSchema,
  /** Object name (`shop_api`, `shop_default`); a node's hostname; `swarm`; `<stack>@<version>` for a stack version. */
  name: z.string().min(1),
  stack: z.string().nullable(),
  action: RestoreActionSchema,
  reason: z.string().optional(),
  /** For `update`: the fields that differ: `old` is live, `new` is the archive. */
  changes: z.array(PlanFieldChangeSchema).optional(),
});
export type RestorePlanItem = z.infer<typeof RestorePlanItemSchema>;

/** The diff between an archive and the live cluster: what a restore would change. */
export const RestorePlanSchema = z.object({
  backupId: BackupIdSchema,
  /** The cluster the archive was taken from, and the one it would be restored into. */
  sourceClusterId: z.string().min(1),
  targetClusterId: z.string().min(1),
  stacks: z.array(z.string()).nullable(),
  services: z.array(z.string()).nullable(),
  items: z.array(RestorePlanItemSchema),
  counts: z.object({
    create: z.number().int().nonnegative(),
    update: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
    skip: z.number().int().nonnegative(),
  }),
});
export type RestorePlan = z.infer<typeof RestorePlanSchema>;

/** One thing wrong with an archive. `part` names the file inside it when there is one. */
export const BackupProblemSchema = z.object({
  code: z.enum([
    'unreadable',
    'decrypt-failed',
    'checksum-mismatch',
    'missing-part',
    'unexpected-part',
    'invalid-manifest',
    'invalid-spec',
    'format-version',
  ]),
  part: z.string().nullable(),
  message: z.string(),
});
export type BackupProblem = z.infer<typeof BackupProblemSchema>;

/** `verify_backup`: `valid` only with no problems; the plan only when the archive is valid. */
export const VerifyResultSchema = z.object({
  backupId: BackupIdSchema,
  valid: z.boolean(),
  problems: z.array(BackupProblemSchema),
  plan: RestorePlanSchema.nullable(),
  manifest: BackupManifestSchema.nullable(),
  verifiedAt: TimestampSchema,
  durationMs: z.number().int().nonnegative(),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;

/** `restore_backup`. `planned` for a dry run; `running` when the caller did not wait. */
export const RestoreResultSchema = z.object({
  restoreId: z.uuid(),
  backupId: BackupIdSchema,
  status: z.enum(['planned', 'running', 'succeeded', 'failed']),
  plan: RestorePlanSchema,
  /** The deployer's deployment records that applied it. */
  deploymentIds: z.array(z.uuid()),
  /** Per item outcome once applied. */
  applied: z.array(
    z.object({
      kind: RestoreObjectKindSchema,
      name: z.string(),
      outcome: z.enum(['created', 'updated', 'unchanged', 'skipped', 'failed']),
      error: z.string().optional(),
    }),
  ),
  error: z.string().nullable(),
  startedAt: TimestampSchema,
  finishedAt: TimestampSchema.nullable(),
});
export type RestoreResult = z.infer<typeof RestoreResultSchema>;
