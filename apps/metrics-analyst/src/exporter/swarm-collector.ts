import type Docker from 'dockerode';
import type { RawNode, RawService, RawTask } from './docker-types.js';
import { readSwarm } from './swarm-state.js';
import type { SwarmState } from './swarm-state.js';

/**
 * Reads the swarm from a manager: exactly one node, service and task list per call, in parallel. Rejects
 * when any fails (a worker answers 503 "not a swarm manager"); the exporter reports that as the swarm part
 * being down.
 */
export async function collectSwarm(cluster: Docker): Promise<SwarmState> {
  const [nodes, services, tasks] = await Promise.all([
    cluster.listNodes() as Promise<RawNode[]>,
    cluster.listServices() as Promise<RawService[]>,
    cluster.listTasks() as Promise<RawTask[]>,
  ]);
  return readSwarm(nodes, services, tasks);
}
