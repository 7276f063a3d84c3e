import { chmodSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface SystemUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
}

/** Looks a user up in /etc/passwd. */
export function findUser(name: string): SystemUser | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const fields = line?.split(':');
  if (!fields || fields.length < 4) return undefined;
  return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
}

/**
 * Makes every folder from / down to `dir` searchable by other users (chmod o+x, never o+r),
 * so a service user such as `postgres` can reach its data under the project (e.g. under /root).
 * Returns the folders it changed.
 */
export function allowTraversal(dir: string): string[] {
  const changed: string[] = [];
  let current = path.resolve(dir);
  const chain: string[] = [];
  for (;;) {
    chain.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of chain) {
    const mode = statSync(folder).mode & 0o7777;
    if ((mode & 0o001) === 0) {
      chmodSync(folder, mode | 0o001);
      changed.push(folder);
    }
  }
  return changed;
}
