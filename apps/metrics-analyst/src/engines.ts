import { createDockerClient } from '@swarmops/docker';
import type Docker from 'dockerode';
import type { Config } from './config.js';

/** A Docker engine the exporter reads container stats from; `name` is its address until it answers. */
export interface Engine {
  name: string;
  docker: Docker;
}

/**
 * The cluster engine (DOCKER_HOST, a manager: nodes, services, tasks, and its own containers' stats) and one
 * engine per METRICS_DOCKER_HOSTS entry. A tcp:// engine needs DOCKER_CERT_PATH like DOCKER_HOST does.
 */
export function createEngines(config: Config): { cluster: Docker; engines: Engine[] } {
  const timeoutMs = config.METRICS_DOCKER_TIMEOUT_MS;
  const clusterHost = config.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  const cluster = createDockerClient({ host: clusterHost, timeoutMs });
  const extra = (config.METRICS_DOCKER_HOSTS ?? '')
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '' && host !== clusterHost);
  return {
    cluster,
    engines: [
      { name: clusterHost, docker: cluster },
      ...[...new Set(extra)].map((host) => ({ name: host, docker: createDockerClient({ host, timeoutMs }) })),
    ],
  };
}
