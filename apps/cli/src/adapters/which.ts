import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';

const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds an executable on PATH or in the usual system folders (sbin is often not on a user's PATH). */
export function which(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = [...(env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SYSTEM_DIRS];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The bin folder of the newest PostgreSQL under /usr/lib/postgresql, e.g. /usr/lib/postgresql/15/bin. */
export function postgresBinDir(): string | undefined {
  let versions: string[];
  try {
    versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v));
  } catch {
    return undefined;
  }
  const newest = versions
    .sort((a, b) => Number(b) - Number(a))
    .find((v) => isExecutable(`/usr/lib/postgresql/${v}/bin/initdb`));
  return newest === undefined ? undefined : `/usr/lib/postgresql/${newest}/bin`;
}

export function fileIsExecutable(file: string): boolean {
  return isExecutable(file);
}
