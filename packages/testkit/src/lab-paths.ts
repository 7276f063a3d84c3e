import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The monorepo root: the nearest folder holding `pnpm-workspace.yaml`, searched upward from this
 * module and then from the working directory.
 */
export function findRepoRoot(): string {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let dir = resolve(start);
    for (;;) {
      if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('pnpm-workspace.yaml not found above this module or the working directory');
}

/** Folder of the lab scripts (`infra/lab`). */
export function labDir(): string {
  return join(findRepoRoot(), 'infra', 'lab');
}
