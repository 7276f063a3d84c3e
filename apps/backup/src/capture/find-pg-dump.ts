import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { AppError } from '@swarmops/contracts';

/** Where Debian and Ubuntu install each PostgreSQL major version's client programs. */
export const PG_LIB_DIR = '/usr/lib/postgresql';

/** What {@link findPgDump} looks at; injectable so the search is testable without a real file system. */
export interface PgDumpLookup {
  /** `BACKUP_PG_DUMP`: used as is when set. */
  configured?: string | undefined;
  /** The `PATH` to search. */
  path?: string | undefined;
  isExecutable?: (file: string) => boolean;
  listDir?: (dir: string) => string[];
}

/**
 * The pg_dump to run: `configured` when set, else the first `pg_dump` on PATH, else the highest version
 * under /usr/lib/postgresql/<version>/bin.
 *
 * @throws AppError UNAVAILABLE naming BACKUP_PG_DUMP when none is found.
 */
export function findPgDump({
  configured,
  path = process.env.PATH,
  isExecutable = canExecute,
  listDir = listDirectory,
}: PgDumpLookup = {}): string {
  if (configured !== undefined && configured.trim() !== '') return configured;
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'pg_dump');
    if (isExecutable(candidate)) return candidate;
  }
  const versions = listDir(PG_LIB_DIR)
    .filter((name) => /^\d+(\.\d+)?$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const candidate = join(PG_LIB_DIR, version, 'bin', 'pg_dump');
    if (isExecutable(candidate)) return candidate;
  }
  throw new AppError(
    'UNAVAILABLE',
    `pg_dump not found on PATH nor under ${PG_LIB_DIR}/<version>/bin: install the PostgreSQL client ` +
      '(apt-get install postgresql-client) or set BACKUP_PG_DUMP to its path',
    { details: { variable: 'BACKUP_PG_DUMP' } },
  );
}

function canExecute(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function listDirectory(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
