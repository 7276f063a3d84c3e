import { z } from 'zod';
import { request } from '@swarmops/bus';
import { BackupRpc, BackupSummarySchema, Role } from '@swarmops/contracts';
import { backupInScope } from './backup-calls.js';
import { TOOL_PAGE_DEFAULT, ToolPageShape, toolPageSchema } from './paging.js';
import { renderBackupLine } from './render-backup.js';
import { renderList } from './render.js';
import { READ_ONLY, busOptions, defineTool } from './tool.js';

export const listBackups = defineTool({
  name: 'list_backups',
  title: 'List backups',
  description:
    'List the stored backups, newest first: `backupId`, time, location, size, sha256, counts, whether it is ' +
    'encrypted, the stacks it covers (null: the whole cluster), trigger (manual or schedule) and who asked. ' +
    'Pass a `backupId` to verify_backup or restore_backup. Returns `{ items, nextCursor }`; page with `cursor`. ' +
    'A token scoped to stacks sees only backups limited to its stacks, so a page can hold fewer than `limit` items.',
  input: z.strictObject({ ...ToolPageShape }),
  output: toolPageSchema(BackupSummarySchema),
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [BackupRpc.list.subject],
  async run(args, ctx) {
    const page = await request(
      ctx.nc,
      BackupRpc.list,
      { ...args, limit: args.limit ?? TOOL_PAGE_DEFAULT },
      busOptions(ctx),
    );
    const scope = ctx.principal.stacks;
    if (scope === null) return page;
    return { items: page.items.filter((b) => backupInScope(b.stacks, scope)), nextCursor: page.nextCursor };
  },
  render: (page) => renderList('backups', page, renderBackupLine),
});
