import type Docker from 'dockerode';
import { AppError } from '@swarmops/contracts';
import type { Database } from '@swarmops/db';
import type { ClusterState } from '../domain/cluster-state.js';
import { buildClusterState } from './build-cluster-state.js';
import { mapLimit } from './map-limit.js';
import type { RawConfig, RawNetwork, RawNode, RawSecret, RawService, RawSwarm } from './raw-docker.js';
import { readStackVersions } from './stack-versions.js';

/** Options of {@link captureCluster}. */
export interface CaptureOptions {
  /** A client for a swarm manager, with a per-call timeout (createDockerClient). */
  docker: Docker;
  /** The Swarmops database; `stack_versions` is read, never written. */
  db: Database;
  /** Only these stacks; null or absent for everything. */
  stacks?: readonly string[] | null;
  /** Engine calls in flight at once for per-object inspects (default 8). */
  concurrency?: number;
}

/**
 * Reads the declared state of the live swarm: its settings, nodes, networks, configs (with data), secret
 * metadata, service specs and every recorded stack version. The list calls already return whole objects
 * (services with `.Spec`, configs with `.Spec.Data`), so a capture costs a handful of Engine API calls
 * whatever the cluster's size; a config listed without its data is inspected, a few at a time.
 *
 * @throws AppError UNAVAILABLE when the engine is not a swarm manager; NOT_FOUND for an unknown stack.
 */
export async function captureCluster({
  docker,
  db,
  stacks = null,
  concurrency = 8,
}: CaptureOptions): Promise<ClusterState> {
  const swarm = await inspectSwarm(docker);
  const [nodes, networks, configs, secrets, services, versions] = await Promise.all([
    docker.listNodes() as Promise<RawNode[]>,
    docker.listNetworks() as Promise<unknown> as Promise<RawNetwork[]>,
    docker.listConfigs() as Promise<RawConfig[]>,
    docker.listSecrets() as Promise<RawSecret[]>,
    docker.listServices() as Promise<unknown> as Promise<RawService[]>,
    readStackVersions(db, swarm.ID, stacks),
  ]);
  const withData = await mapLimit(configs, concurrency, (config) => withConfigData(docker, config));
  return buildClusterState(
    {
      swarm,
      nodes,
      networks,
      configs: withData.filter((c): c is RawConfig => c !== null),
      secrets,
      services,
      versions,
    },
    stacks,
  );
}

async function inspectSwarm(docker: Docker): Promise<RawSwarm> {
  try {
    return (await docker.swarmInspect()) as RawSwarm;
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 503 || status === 406) {
      throw new AppError(
        'UNAVAILABLE',
        'the Docker engine is not a swarm manager: point DOCKER_HOST at a manager',
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/** The config itself when listed with its data, else inspected; null when it was removed meanwhile. */
async function withConfigData(docker: Docker, config: RawConfig): Promise<RawConfig | null> {
  if (typeof config.Spec?.Data === 'string') return config;
  try {
    return (await docker.getConfig(config.ID).inspect()) as RawConfig;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return null;
    throw error;
  }
}
