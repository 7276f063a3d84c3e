import { AppError } from '@swarmops/contracts';
import type { ArchivedStack, ArchivedStackVersion } from '@swarmops/contracts';
import type { ClusterState } from '../domain/cluster-state.js';
import { toArchivedNode, toArchivedSwarm } from './archive-swarm.js';
import { isBackedUpNetwork, toArchivedNetwork } from './archive-network.js';
import { toArchivedConfig, toArchivedSecret } from './archive-objects.js';
import { toArchivedService } from './archive-service.js';
import { scopeToStacks } from './stack-scope.js';
import type { StackObjects } from './stack-scope.js';
import type { RawConfig, RawNetwork, RawNode, RawSecret, RawService, RawSwarm } from './raw-docker.js';

/** Everything capture read: the Engine API objects and the recorded stack versions. */
export interface CaptureReads {
  swarm: RawSwarm;
  nodes: RawNode[];
  /** Every network the engine lists (defaults too: they name the targets of services). */
  networks: RawNetwork[];
  configs: RawConfig[];
  secrets: RawSecret[];
  services: RawService[];
  /** Recorded versions per stack, oldest first. */
  versions: ReadonlyMap<string, ArchivedStackVersion[]>;
}

/**
 * Turns what capture read into the archive's {@link ClusterState}: every list sorted by name (nodes by
 * hostname) so that two captures of the same cluster are equal. With `stacks`, only those stacks (see
 * {@link scopeToStacks}); the swarm and the nodes stay whole.
 *
 * @throws AppError NOT_FOUND naming each asked stack that has neither live objects nor recorded versions.
 */
export function buildClusterState(reads: CaptureReads, stacks: readonly string[] | null): ClusterState {
  const networkNameById = new Map(reads.networks.map((n) => [n.Id, n.Name]));
  const all: StackObjects = {
    networks: reads.networks.filter(isBackedUpNetwork).map(toArchivedNetwork),
    configs: reads.configs.map(toArchivedConfig),
    secrets: reads.secrets.map(toArchivedSecret),
    services: reads.services.map((s) => toArchivedService(s, networkNameById)),
  };
  const known = stackNames(all, reads.versions);
  if (stacks !== null) {
    const unknown = stacks.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new AppError(
        'NOT_FOUND',
        `no stack named ${unknown.join(', ')}: it has no services, networks, configs or secrets on this swarm ` +
          'and no recorded versions',
        { details: { stacks: unknown } },
      );
    }
  }
  const scope = stacks === null ? null : new Set(stacks);
  const objects = scope === null ? all : scopeToStacks(all, scope);
  const names = [...known].filter((name) => scope === null || scope.has(name)).sort(byText);
  return {
    clusterId: reads.swarm.ID,
    swarm: toArchivedSwarm(reads.swarm),
    nodes: reads.nodes.map(toArchivedNode).sort((a, b) => byText(a.hostname, b.hostname)),
    networks: sortByName(objects.networks),
    configs: sortByName(objects.configs),
    secrets: sortByName(objects.secrets),
    services: sortByName(objects.services),
    stacks: names.map((name) => toArchivedStack(name, all, reads.versions)),
  };
}

function stackNames(all: StackObjects, versions: ReadonlyMap<string, unknown>): Set<string> {
  const names = new Set(versions.keys());
  for (const list of [all.networks, all.configs, all.secrets, all.services]) {
    for (const item of list) if (item.stack !== null) names.add(item.stack);
  }
  return names;
}

function toArchivedStack(
  name: string,
  all: StackObjects,
  versions: ReadonlyMap<string, ArchivedStackVersion[]>,
): ArchivedStack {
  const services = all.services.filter((s) => s.stack === name).map((s) => s.name);
  return { name, versions: versions.get(name) ?? [], services: services.sort(byText) };
}

function sortByName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => byText(a.name, b.name));
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
