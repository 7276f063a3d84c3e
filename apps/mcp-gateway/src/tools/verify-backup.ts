import { z } from 'zod';
import { request } from '@swarmops/bus';
import { BackupIdSchema, BackupRpc, Role, VerifyResultSchema } from '@swarmops/contracts';
import { ServicesArg, StacksArg, stacksInScope, verifyOptions } from './backup-calls.js';
import { renderVerify } from './render-backup.js';
import { defineTool } from './tool.js';

export const verifyBackup = defineTool({
  name: 'verify_backup',
  title: 'Verify a backup',
  description:
    'Read a stored backup back and check it: decrypt it, recompute the sha256 of every part, validate every ' +
    'spec against the contracts, and diff it against the live cluster. Returns `{ valid, problems, plan }`: ' +
    '`problems` [{ code, part, message }] (checksum-mismatch, missing-part, decrypt-failed, invalid-spec, ...) ' +
    'and, for a valid archive, the restore `plan`: per object (swarm, node, network, config, secret, service, ' +
    'stack-version) `create`, `update` (with the changed fields), `unchanged` or `skip` (with the reason, e.g. a ' +
    'secret whose value is not in the secrets file). Changes nothing: it is the dry run of restore_backup. ' +
    '`stacks` / `services` narrow the plan as a restore would (a token scoped to stacks must pass `stacks`). ' +
    'Also returns the manifest (counts, parts, what cannot be restored).',
  input: z.strictObject({
    backupId: BackupIdSchema.describe('The backup, e.g. `20261127T224100Z-3f9a1c2b` (see list_backups).'),
    stacks: StacksArg,
    services: ServicesArg,
  }),
  output: VerifyResultSchema,
  // It reads the archive and the cluster; it changes nothing.
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  requiredRole: Role.operator,
  calls: [BackupRpc.verify.subject],
  resolveStack: (args, ctx) => stacksInScope(args, ctx, 'a verify'),
  async run(args, ctx) {
    const result = await request(ctx.nc, BackupRpc.verify, args, verifyOptions(ctx));
    // The manifest lists every stack of a cluster-wide archive; a token limited to stacks does not see them.
    return ctx.principal.stacks === null ? result : { ...result, manifest: null };
  },
  render: (v) => renderVerify(v),
});
