import type { DockerSource } from '../adapters/docker-source.js';
import type { Observation } from '../domain/index.js';
import type { Work } from './work.js';

/** Above this many services, one list of all services and tasks beats a read per service. */
const TARGETED_SERVICES_MAX = 8;

/**
 * Reads from Docker what `work` needs, as one observation: everything for a full reconcile,
 * otherwise only the services named (with their tasks; all of them after a large burst) and the
 * kinds marked stale.
 */
export async function readObservation(source: DockerSource, work: Work): Promise<Observation> {
  if (work.full) return source.full();
  const parts = await Promise.all([
    work.services.size > TARGETED_SERVICES_MAX
      ? source.allServices()
      : work.services.size > 0
        ? source.services([...work.services])
        : {},
    work.nodes ? source.nodes() : {},
    work.networks ? source.networks() : {},
    work.configs ? source.configs() : {},
    work.secrets ? source.secrets() : {},
    work.tasks ? source.tasks() : {},
  ]);
  // Later parts win: the task poll (every task) replaces the targeted services' task lists.
  return Object.assign({}, ...parts) as Observation;
}
