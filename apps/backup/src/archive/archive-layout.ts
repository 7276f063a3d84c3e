import type { ArchivePartKind } from '@swarmops/contracts';
import { ARCHIVE_PATHS } from '../domain/cluster-state.js';

/** The JSON parts every archive holds, in the order they are written after `manifest.json`. */
export const REQUIRED_PARTS = [
  { path: ARCHIVE_PATHS.swarm, kind: 'swarm' },
  { path: ARCHIVE_PATHS.nodes, kind: 'nodes' },
  { path: ARCHIVE_PATHS.networks, kind: 'networks' },
  { path: ARCHIVE_PATHS.configs, kind: 'configs' },
  { path: ARCHIVE_PATHS.secrets, kind: 'secrets' },
  { path: ARCHIVE_PATHS.services, kind: 'services' },
] as const satisfies readonly { path: string; kind: ArchivePartKind }[];

const STACK_PATH = /^stacks\/([^/]+)\.json$/;

/** `stacks/<name>.json`. */
export function stackPartPath(name: string): string {
  return `${ARCHIVE_PATHS.stackDir}${name}.json`;
}

/** The stack name in `stacks/<name>.json`, or null for any other path. */
export function stackNameOfPath(path: string): string | null {
  return STACK_PATH.exec(path)?.[1] ?? null;
}

/** The kind a path inside the archive must have, or null when the layout has no such path. */
export function kindOfPath(path: string): ArchivePartKind | null {
  const required = REQUIRED_PARTS.find((part) => part.path === path);
  if (required !== undefined) return required.kind;
  if (path === ARCHIVE_PATHS.database) return 'database';
  if (stackNameOfPath(path) !== null) return 'stack';
  return null;
}

/** What no archive can restore, and why; written into every manifest. */
export const LIMITATIONS: readonly string[] = [
  'Secret values are not included: Docker never returns them. Restore re-creates a secret only with a value from BACKUP_SECRETS_FILE (or when it still exists).',
  'Swarm raft state, CA keys and certificates, join tokens and unlock keys are not included: a restore re-applies the swarm settings onto an existing swarm, it does not rebuild one.',
  'Node labels and availability restore only onto nodes with the same hostname; nodes themselves are not created.',
  'Containers, volumes and their data are not included: services are re-created from their specs and start empty.',
];
