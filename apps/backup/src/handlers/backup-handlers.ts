import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { AppError, BackupIdSchema, BackupRpc, ErrorCode } from '@swarmops/contracts';
import type { BackupSummary } from '@swarmops/contracts';
import type { BackupsRepo } from '../adapters/backups-repo.js';
import type { BackupRunner } from '../backup-run.js';
import type { ArchiveStore } from '../ports.js';

/** What the backup handlers need. */
export interface BackupHandlersDeps {
  runner: BackupRunner;
  store: Pick<ArchiveStore, 'list' | 'stat'>;
  repo: Pick<BackupsRepo, 'get'>;
}

/** `create`, `list` and `get`. The store, not the table, answers list and get: it holds the archives. */
export function createBackupHandlers(deps: BackupHandlersDeps): RpcEndpoint[] {
  return [
    endpoint(BackupRpc.create, (req) => deps.runner.create(req)),
    endpoint(BackupRpc.list, async (req) => pageOf(await deps.store.list(), req.limit, req.cursor)),
    endpoint(BackupRpc.get, async (req) => {
      const summary = await deps.store.stat(req.backupId);
      if (summary !== null) return summary;
      const row = await deps.repo.get(req.backupId);
      const why =
        row === null
          ? 'not found'
          : row.status === 'pruned'
            ? 'was removed by retention'
            : row.status === 'failed'
              ? `failed: ${row.error ?? 'unknown error'}`
              : 'is still being written';
      throw new AppError(ErrorCode.NOT_FOUND, `backup ${req.backupId} ${why}`, {
        details: { kind: 'backup', id: req.backupId, status: row?.status ?? null },
      });
    }),
  ];
}

/** A page of summaries (newest first); the cursor is the last backup id of the previous page. */
export function pageOf(
  summaries: readonly BackupSummary[],
  limit: number,
  cursor: string | undefined,
): { items: BackupSummary[]; nextCursor: string | null } {
  if (cursor !== undefined && !BackupIdSchema.safeParse(cursor).success) {
    throw new AppError(ErrorCode.INVALID_REQUEST, 'cursor: not a cursor this service issued', {
      details: { field: 'cursor' },
    });
  }
  const sorted = [...summaries].sort((a, b) =>
    a.backupId < b.backupId ? 1 : a.backupId > b.backupId ? -1 : 0,
  );
  const rest = cursor === undefined ? sorted : sorted.filter((s) => s.backupId < cursor);
  const items = rest.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rest.length > limit && last !== undefined ? last.backupId : null };
}
