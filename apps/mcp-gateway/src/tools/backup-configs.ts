import { z } from 'zod';
import { request } from '@swarmops/bus';
import { BackupRpc, BackupSummarySchema, Role } from '@swarmops/contracts';
import type { BackupSummary } from '@swarmops/contracts';
import { StacksArg, createOptions, newBackupId, stacksInScope, withBackupProgress } from './backup-calls.js';
import { renderBackup } from './render-backup.js';
import { defineTool } from './tool.js';

/** The fixed `backup_configs` output (DESIGN.md): exactly these fields. */
export const BackupConfigsOutputSchema = BackupSummarySchema.pick({
  backupId: true,
  createdAt: true,
  location: true,
  sizeBytes: true,
  sha256: true,
}).extend({
  counts: z.object({
    stacks: z.number().int().nonnegative(),
    services: z.number().int().nonnegative(),
    networks: z.number().int().nonnegative(),
    configs: z.number().int().nonnegative(),
    secrets: z.number().int().nonnegative(),
  }),
});
export type BackupConfigsOutput = z.infer<typeof BackupConfigsOutputSchema>;

/** A stored backup's summary as the fixed fields. */
export function toBackupConfigsOutput(s: BackupSummary): BackupConfigsOutput {
  const { stacks, services, networks, configs, secrets } = s.counts;
  return {
    backupId: s.backupId,
    createdAt: s.createdAt,
    location: s.location,
    sizeBytes: s.sizeBytes,
    sha256: s.sha256,
    counts: { stacks, services, networks, configs, secrets },
  };
}

export const backupConfigs = defineTool({
  name: 'backup_configs',
  title: 'Back up the cluster configuration',
  description:
    "Take a backup of the cluster's declared state now and wait until the archive is stored: every stack's " +
    'compose versions and service specs, services outside stacks, non-default networks, configs with their ' +
    'data, secret names (never their values), node labels and availability, swarm settings, and a dump of ' +
    "Swarmops' database; with a sha256 of every part (encrypted when BACKUP_ENCRYPTION_KEY is set). `stacks` " +
    'limits it to those stacks (the swarm and node settings are always included). Sends progress notifications. ' +
    'Changes nothing in the cluster; the configured retention may prune old archives afterwards. Only one ' +
    'backup runs at a time (CONFLICT otherwise). Returns `{ backupId, createdAt, location, sizeBytes, sha256, ' +
    'counts: { stacks, services, networks, configs, secrets } }`; check it with verify_backup.',
  input: z.strictObject({
    stacks: StacksArg,
    confirm: z
      .boolean()
      .optional()
      .describe('Accepted for symmetry with the other changing tools; a backup needs no confirmation.'),
  }),
  output: BackupConfigsOutputSchema,
  // It writes an archive (and retention may prune old ones); the cluster itself is untouched.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  requiredRole: Role.operator,
  calls: [BackupRpc.create.subject],
  resolveStack: (args, ctx) => stacksInScope(args, ctx, 'a backup'),
  async run(args, ctx) {
    const backupId = newBackupId(new Date());
    const summary = await withBackupProgress(ctx, backupId, () =>
      request(
        ctx.nc,
        BackupRpc.create,
        {
          ...(args.stacks === undefined ? {} : { stacks: args.stacks }),
          wait: true,
          backupId,
          trigger: 'manual',
          requestedBy: ctx.principal.id,
        },
        createOptions(ctx),
      ),
    );
    return toBackupConfigsOutput(summary);
  },
  render: (b) => renderBackup(b),
});
