import { AppError, ErrorCode } from '@swarmops/contracts';
import type {
  ArchivedConfig,
  ArchivedNetwork,
  ArchivedSecret,
  ArchivedService,
  ArchivedStack,
} from '@swarmops/contracts';
import type { ClusterState } from '../domain/cluster-state.js';
import { serviceReferences } from './references.js';

/** The part of an archive a restore puts back. */
export interface RestoreScope {
  /** Swarm settings and node labels: only in a restore of everything. */
  cluster: boolean;
  networks: ArchivedNetwork[];
  configs: ArchivedConfig[];
  secrets: ArchivedSecret[];
  services: ArchivedService[];
  /** Stacks whose recorded versions go back into the deployer's history. */
  stacks: ArchivedStack[];
}

export interface RestoreFilters {
  stacks?: readonly string[] | null | undefined;
  services?: readonly string[] | null | undefined;
}

/**
 * Selects what to restore. No filter: everything. `stacks`: those stacks' services, networks, configs,
 * secrets and versions, plus the objects outside them their services use. `services` (full names, e.g.
 * `shop_api`): those services and the networks, configs and secrets they use; within `stacks` when both are
 * given. Swarm settings and nodes are left alone by a filtered restore.
 * @throws AppError NOT_FOUND naming the stacks or services the archive does not hold.
 */
export function selectRestoreScope(archive: ClusterState, filters: RestoreFilters): RestoreScope {
  const stacks = filters.stacks ?? null;
  const services = filters.services ?? null;
  if (stacks === null && services === null) {
    const { networks, configs, secrets } = archive;
    return { cluster: true, networks, configs, secrets, services: archive.services, stacks: archive.stacks };
  }
  const stackSet = stacks === null ? null : new Set(stacks);
  if (stackSet !== null) requireStacks(archive, stackSet);
  const inStacks = (stack: string | null) => stackSet === null || (stack !== null && stackSet.has(stack));
  let selected = archive.services.filter((s) => inStacks(s.stack));
  if (services !== null) {
    const wanted = new Set(services);
    const missing = [...wanted].filter((name) => !selected.some((s) => s.name === name));
    if (missing.length > 0) throw notFound('service', missing, stacks);
    selected = selected.filter((s) => wanted.has(s.name));
  }
  const used = { networks: new Set<string>(), configs: new Set<string>(), secrets: new Set<string>() };
  for (const service of selected) {
    const refs = serviceReferences(service);
    refs.networks.forEach((n) => used.networks.add(n));
    refs.configs.forEach((n) => used.configs.add(n));
    refs.secrets.forEach((n) => used.secrets.add(n));
  }
  const ownStack = (stack: string | null) => services === null && inStacks(stack);
  const keep = <T extends { name: string; stack: string | null }>(items: T[], refs: Set<string>) =>
    items.filter((item) => ownStack(item.stack) || refs.has(item.name));
  return {
    cluster: false,
    networks: keep(archive.networks, used.networks),
    configs: keep(archive.configs, used.configs),
    secrets: keep(archive.secrets, used.secrets),
    services: selected,
    stacks: stackSet === null ? [] : archive.stacks.filter((s) => stackSet.has(s.name)),
  };
}

function requireStacks(archive: ClusterState, stacks: ReadonlySet<string>): void {
  const known = new Set<string>(archive.stacks.map((s) => s.name));
  for (const list of [archive.services, archive.networks, archive.configs, archive.secrets]) {
    for (const item of list) if (item.stack !== null) known.add(item.stack);
  }
  const missing = [...stacks].filter((s) => !known.has(s));
  if (missing.length > 0) throw notFound('stack', missing, null);
}

function notFound(kind: 'stack' | 'service', names: string[], stacks: readonly string[] | null): AppError {
  const where = stacks === null ? 'the backup' : `stacks ${stacks.join(', ')} of the backup`;
  const list = names.sort().join(', ');
  return new AppError(ErrorCode.NOT_FOUND, `${kind}${names.length > 1 ? 's' : ''} ${list} not in ${where}`, {
    details: { kind, names },
  });
}
