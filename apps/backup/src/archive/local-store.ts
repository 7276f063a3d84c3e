import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BackupSummary } from '@swarmops/contracts';
import { AppError, BackupIdSchema, BackupSummarySchema } from '@swarmops/contracts';
import { writeFileAtomic } from './atomic-file.js';
import type { BackupStore, BackupSummaryInput, StoreProblem } from './backup-store.js';
import { sha256Hex } from './canonical-json.js';
import { isEncrypted } from './crypto.js';

export interface LocalStoreOptions {
  /** Told about each problem {@link BackupStore.list} skips over (e.g. to log it). */
  onProblem?: (problem: StoreProblem) => void;
}

const ARCHIVE = /^(\d{8}T\d{6}Z-[0-9a-f]{8})\.tar\.gz(\.enc)?$/;
const SIDECAR = /^(\d{8}T\d{6}Z-[0-9a-f]{8})\.json$/;

function archiveName(backupId: string, encrypted: boolean): string {
  return `${backupId}.tar.gz${encrypted ? '.enc' : ''}`;
}

function checkId(backupId: string): string {
  if (!BackupIdSchema.safeParse(backupId).success) {
    throw new AppError('INVALID_REQUEST', `${backupId} is not a backup id`, { details: { backupId } });
  }
  return backupId;
}

function newestFirst(a: BackupSummary, b: BackupSummary): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.backupId.localeCompare(a.backupId);
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/**
 * The local directory store: `<backupId>.tar.gz` (or `.tar.gz.enc`) and a sidecar `<backupId>.json` holding
 * its BackupSummary. The sidecar is written last, so a listed backup always has its whole archive. Files
 * are written atomically with mode 0600 in a directory created with mode 0700.
 */
export function createLocalStore(dir: string, options: LocalStoreOptions = {}): BackupStore {
  const root = resolve(dir);
  const path = (name: string) => join(root, name);

  /** The summary in a sidecar, with `location` pointing into this store (it may have moved). */
  async function readSidecar(backupId: string): Promise<BackupSummary> {
    const text = await readFile(path(`${backupId}.json`), 'utf8');
    const summary = BackupSummarySchema.parse(JSON.parse(text));
    if (summary.backupId !== backupId) throw new Error(`it describes ${summary.backupId}`);
    return { ...summary, location: path(archiveName(backupId, summary.encrypted)) };
  }

  async function stat_(backupId: string): Promise<BackupSummary | null> {
    try {
      return await readSidecar(checkId(backupId));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async function scan(): Promise<{ summaries: BackupSummary[]; problems: StoreProblem[] }> {
    let names: string[];
    try {
      names = (await readdir(root)).sort();
    } catch (error) {
      if (isMissing(error)) return { summaries: [], problems: [] };
      throw error;
    }
    const archives = new Set(names.filter((name) => ARCHIVE.test(name)));
    const summaries: BackupSummary[] = [];
    const problems: StoreProblem[] = [];
    const described = new Set<string>();
    for (const name of names) {
      const backupId = SIDECAR.exec(name)?.[1];
      if (backupId === undefined) continue;
      let summary: BackupSummary;
      try {
        summary = await readSidecar(backupId);
      } catch (error) {
        problems.push({
          backupId,
          file: name,
          message: `unreadable summary: ${error instanceof Error ? error.message : String(error)}`,
        });
        continue;
      }
      const file = archiveName(backupId, summary.encrypted);
      described.add(file);
      if (!archives.has(file)) {
        problems.push({ backupId, file: name, message: `its archive ${file} is missing` });
        continue;
      }
      summaries.push(summary);
    }
    for (const file of archives) {
      if (!described.has(file)) {
        const backupId = ARCHIVE.exec(file)?.[1] ?? null;
        problems.push({ backupId, file, message: 'an archive without its summary (an interrupted backup?)' });
      }
    }
    return { summaries: summaries.sort(newestFirst), problems };
  }

  return {
    async put(backupId, bytes, input: BackupSummaryInput) {
      checkId(backupId);
      if ((await stat_(backupId)) !== null) {
        throw new AppError('CONFLICT', `backup ${backupId} already exists`, { details: { backupId } });
      }
      await mkdir(root, { recursive: true, mode: 0o700 });
      const encrypted = isEncrypted(bytes);
      const location = path(archiveName(backupId, encrypted));
      const summary = BackupSummarySchema.parse({
        ...input,
        backupId,
        location,
        sizeBytes: bytes.length,
        sha256: sha256Hex(bytes),
        encrypted,
      });
      await writeFileAtomic(location, bytes);
      await writeFileAtomic(path(`${backupId}.json`), Buffer.from(`${JSON.stringify(summary, null, 2)}\n`));
      return summary;
    },

    async get(backupId) {
      const summary = await stat_(backupId);
      if (summary === null)
        throw new AppError('NOT_FOUND', `backup ${backupId} not found`, { details: { backupId } });
      try {
        return await readFile(summary.location);
      } catch (error) {
        if (!isMissing(error)) throw error;
        throw new AppError('NOT_FOUND', `backup ${backupId}: its archive ${summary.location} is missing`, {
          details: { backupId },
        });
      }
    },

    stat: stat_,

    async list() {
      const { summaries, problems } = await scan();
      for (const problem of problems) options.onProblem?.(problem);
      return summaries;
    },

    scan,

    async remove(backupId) {
      checkId(backupId);
      const files = [`${backupId}.json`, archiveName(backupId, true), archiveName(backupId, false)];
      let removed = false;
      for (const file of files) {
        const exists = await stat(path(file)).then(
          () => true,
          () => false,
        );
        if (!exists) continue;
        await rm(path(file), { force: true });
        removed = true;
      }
      return removed;
    },
  };
}
