import { statfs as nodeStatfs } from 'node:fs/promises';
import type Docker from 'dockerode';

/** The `fs.statfs` fields the exporter reads (injectable for tests). */
export type StatFs = (path: string) => Promise<{ bsize: number; blocks: number; bavail: number }>;

export interface FilesystemUsage {
  readonly sizeBytes: number;
  readonly availBytes: number;
}

export const defaultStatFs: StatFs = (path) => nodeStatfs(path);

/**
 * Only an engine reached through a unix socket runs on this machine, so only its DockerRootDir path names a
 * filesystem this process can stat; a `tcp://` engine's path lives on another host (stat-ing it here would
 * report our own disk under its name). Even a local engine's root can be out of reach (the exporter in a
 * container without the engine's data mounted): then there is no filesystem series, rather than a wrong one.
 */
export function isLocalEngine(docker: Docker): boolean {
  const socketPath = (docker.modem as { socketPath?: unknown }).socketPath;
  return typeof socketPath === 'string' && socketPath !== '';
}

/** The filesystem holding `rootDir`, or undefined when it cannot be read. */
export async function readFilesystem(statfs: StatFs, rootDir: string): Promise<FilesystemUsage | undefined> {
  try {
    const fs = await statfs(rootDir);
    return { sizeBytes: fs.blocks * fs.bsize, availBytes: fs.bavail * fs.bsize };
  } catch {
    return undefined;
  }
}
