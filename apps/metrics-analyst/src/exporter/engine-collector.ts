import type Docker from 'dockerode';
import { aggregateUsage, emptyAggregateState } from './aggregate.js';
import type { AggregateState, ContainerReading, UsageSample } from './aggregate.js';
import { SwarmLabels } from './docker-types.js';
import type { RawContainer, RawContainerStats } from './docker-types.js';
import { isLocalEngine, readFilesystem } from './engine-filesystem.js';
import type { FilesystemUsage, StatFs } from './engine-filesystem.js';
import { mapLimit } from './map-limit.js';

/** One engine's collection: its label, per-service usage and (local engines) its DockerRootDir filesystem. */
export interface EngineReading {
  readonly engine: string;
  readonly usage: readonly UsageSample[];
  readonly filesystem: FilesystemUsage | undefined;
  /** Stats calls that failed for another reason than the container being gone. */
  readonly statsErrors: number;
}

export interface EngineCollector {
  /** The engine's label: its node hostname once `info()` has answered, the configured name until then. */
  name(): string;
  /**
   * Lists the engine's swarm containers, reads their stats and aggregates them. `keep` (awaited after the
   * stats) says which services still exist, so a scaled-to-zero service keeps its totals. Rejects when the
   * engine cannot be reached; the state is kept for when it comes back.
   */
  collect(keep: Promise<(service: string) => boolean>): Promise<EngineReading>;
}

export interface EngineCollectorOptions {
  readonly name: string;
  readonly docker: Docker;
  readonly statsConcurrency: number;
  readonly statfs: StatFs;
}

const LIST = { filters: JSON.stringify({ label: [SwarmLabels.serviceName], status: ['running'] }) };

export function createEngineCollector({
  name,
  docker,
  statsConcurrency,
  statfs,
}: EngineCollectorOptions): EngineCollector {
  // The label stays the last known hostname while the engine is down, so its series do not change names.
  let label = name;
  let identity: { name: string; rootDir: string } | undefined;
  let state: AggregateState = emptyAggregateState;
  const local = isLocalEngine(docker);

  return {
    name: () => label,
    async collect(keep) {
      try {
        // info() once per engine: its hostname labels the series and its DockerRootDir is the disk to stat.
        identity ??= await readIdentity(docker, label);
        label = identity.name;
        const containers = (await docker.listContainers(LIST)) as RawContainer[];
        let statsErrors = 0;
        const readings = await mapLimit(
          containers,
          statsConcurrency,
          async (c): Promise<ContainerReading> => {
            const stats = await readStats(docker, c.Id).catch((error: unknown) => {
              if (!isGone(error)) statsErrors += 1;
              return undefined;
            });
            const labels = c.Labels ?? {};
            return {
              id: c.Id,
              service: labels[SwarmLabels.serviceName] ?? '',
              stack: labels[SwarmLabels.stack] ?? '',
              stats,
            };
          },
        );
        const filesystem = local ? await readFilesystem(statfs, identity.rootDir) : undefined;
        const aggregated = aggregateUsage(state, readings, await keep);
        state = aggregated.state;
        return { engine: identity.name, usage: aggregated.samples, filesystem, statsErrors };
      } catch (error) {
        // A restarted or replaced engine may be another node: ask who it is again when it answers.
        identity = undefined;
        throw error;
      }
    },
  };
}

async function readIdentity(docker: Docker, fallback: string): Promise<{ name: string; rootDir: string }> {
  const info = (await docker.info()) as { Name?: string; DockerRootDir?: string };
  return { name: info.Name ?? fallback, rootDir: info.DockerRootDir ?? '/var/lib/docker' };
}

// `one-shot` (API 1.41+) skips the second sample Docker otherwise waits for to fill precpu_stats, which the
// exporter does not need (it exports CPU seconds totals; Prometheus rate()s them). The daemon still answers on
// its stats collector's next 1 s tick: measured on this dockerd (20.10, cgroup v1) ~1 s per call one after
// another (~2 s without one-shot), while calls in flight together share a tick. So a collection takes about
// ceil(containers / statsConcurrency) seconds: size METRICS_STATS_CONCURRENCY to the containers per engine.
function readStats(docker: Docker, id: string): Promise<RawContainerStats> {
  return docker.getContainer(id).stats({ stream: false, 'one-shot': true });
}

// The container stopped or was removed between the list and the stats call: it is simply no longer running.
function isGone(error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode;
  return status === 404 || status === 409;
}
