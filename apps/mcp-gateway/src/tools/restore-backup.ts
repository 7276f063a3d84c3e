import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { request } from '@swarmops/bus';
import {
  AppError,
  BackupIdSchema,
  BackupRpc,
  ErrorCode,
  RestoreResultSchema,
  Role,
  TimeoutSecondsSchema,
} from '@swarmops/contracts';
import {
  ServicesArg,
  StacksArg,
  restoreOptions,
  stacksInScope,
  verifyOptions,
  withRestoreProgress,
} from './backup-calls.js';
import { renderProblems, renderRestore, renderRestorePlan } from './render-backup.js';
import { defineTool } from './tool.js';

/** Plan lines the confirmation question carries (the full plan is verify_backup's). */
const QUESTION_LINES = 15;

export const restoreBackup = defineTool({
  name: 'restore_backup',
  title: 'Restore a backup',
  description:
    'Restore a stored backup into this swarm (the one it came from, or a fresh one) through the deployer: ' +
    'the whole archive, or only `stacks` and/or `services`. The archive is verified first (a damaged, ' +
    'incomplete or undecryptable one is refused and nothing changes); then the plan is shown to the user for ' +
    'confirmation (always asked when the client supports it; otherwise the call is refused with the plan ' +
    'until it is repeated with `confirm: true` after the user agreed); then networks, configs, secrets, ' +
    'services, node labels/availability and swarm settings are created or updated, waiting for every service ' +
    'to converge, with progress notifications. Idempotent: objects that already match are left alone, so a ' +
    'second restore changes nothing. Secrets are recreated only from values in BACKUP_SECRETS_FILE (skipped ' +
    'otherwise, with the reason). Use verify_backup for the plan alone. Admin only. Returns `{ restoreId, ' +
    'backupId, status, plan, deploymentIds, applied: [{ kind, name, outcome, error? }], error }`.',
  input: z.strictObject({
    backupId: BackupIdSchema.describe('The backup to restore (see list_backups).'),
    stacks: StacksArg,
    services: ServicesArg,
    timeoutSeconds: TimeoutSecondsSchema.optional().describe(
      'How long each step may wait for its services to converge (5-3600 s, default 300).',
    ),
    confirm: z
      .boolean()
      .optional()
      .describe('Set true only after the user saw the plan and agreed, when the client cannot ask them.'),
  }),
  output: RestoreResultSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  requiredRole: Role.admin,
  calls: [BackupRpc.verify.subject, BackupRpc.restore.subject],
  resolveStack: (args, ctx) => stacksInScope(args, ctx, 'a restore'),
  confirmation: (args) => {
    const only = [
      args.stacks === undefined ? '' : `stacks ${args.stacks.join(', ')}`,
      args.services === undefined ? '' : `services ${args.services.join(', ')}`,
    ].filter((x) => x !== '');
    return (
      `Restore backup ${args.backupId}${only.length > 0 ? ` (only ${only.join('; ')})` : ''}? ` +
      'Services in the plan are created or updated (their tasks restart) to match the backup.'
    );
  },
  async confirmationDetail(args, ctx) {
    const { backupId, stacks, services } = args;
    const verified = await request(
      ctx.nc,
      BackupRpc.verify,
      { backupId, stacks, services },
      verifyOptions(ctx),
    );
    if (!verified.valid || verified.plan === null) {
      throw new AppError(
        ErrorCode.INVALID_REQUEST,
        `backup ${backupId} is not valid, so it cannot be restored; nothing was changed:\n` +
          renderProblems(verified.problems).join('\n'),
        { details: { backupId, problems: verified.problems } },
      );
    }
    const lines = renderRestorePlan(verified.plan);
    const shown = lines.slice(0, QUESTION_LINES);
    if (lines.length > shown.length) shown.push('… the full plan: verify_backup');
    return shown.join('\n');
  },
  async run(args, ctx) {
    const { confirm: _confirm, ...rest } = args;
    const restoreId = randomUUID();
    return withRestoreProgress(ctx, restoreId, () =>
      request(
        ctx.nc,
        BackupRpc.restore,
        { ...rest, dryRun: false, wait: true, restoreId, requestedBy: ctx.principal.id },
        restoreOptions(ctx, rest.timeoutSeconds),
      ),
    );
  },
  render: (r) => renderRestore(r),
});
