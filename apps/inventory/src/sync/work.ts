import type { DockerEvent } from '@swarmops/docker';

/** What a run must refresh. Requests made while a run is busy merge into one {@link Work}. */
export interface Work {
  full: boolean;
  nodes: boolean;
  networks: boolean;
  configs: boolean;
  secrets: boolean;
  /** The task poll: every task, and the running counts of every service. */
  tasks: boolean;
  /** Services to refresh with their tasks. */
  services: Set<string>;
  /** Newest Docker event time (ns) this work answers; persisted once applied. */
  eventsSince?: bigint;
}

/** Work with nothing to do. */
export function emptyWork(): Work {
  return {
    full: false,
    nodes: false,
    networks: false,
    configs: false,
    secrets: false,
    tasks: false,
    services: new Set(),
  };
}

/** Builds work from a partial description. */
export function work(parts: Partial<Omit<Work, 'services'>> & { services?: Iterable<string> }): Work {
  return { ...emptyWork(), ...parts, services: new Set(parts.services ?? []) };
}

/** Everything `a` or `b` asks for. */
export function mergeWork(a: Work, b: Work): Work {
  const since =
    a.eventsSince === undefined || (b.eventsSince !== undefined && b.eventsSince > a.eventsSince)
      ? b.eventsSince
      : a.eventsSince;
  const merged: Work = {
    full: a.full || b.full,
    nodes: a.nodes || b.nodes,
    networks: a.networks || b.networks,
    configs: a.configs || b.configs,
    secrets: a.secrets || b.secrets,
    tasks: a.tasks || b.tasks,
    services: new Set([...a.services, ...b.services]),
  };
  if (since !== undefined) merged.eventsSince = since;
  return merged;
}

/** True when the work asks for nothing (an `eventsSince` alone still needs no Docker read). */
export function isEmptyWork(w: Work): boolean {
  return !w.full && !w.nodes && !w.networks && !w.configs && !w.secrets && !w.tasks && w.services.size === 0;
}

/** The Docker event types inventory watches. */
export const WATCHED_EVENT_TYPES = ['service', 'node', 'secret', 'config', 'network', 'container'] as const;

/**
 * What a Docker event makes stale. A service event refreshes that service and its tasks; a
 * container event of a swarm task refreshes its service's tasks (task state has no events of its
 * own); node, network (swarm scope), config and secret events re-list that kind (cheap lists).
 */
export function workForEvent(event: DockerEvent): Work | undefined {
  const since = { eventsSince: event.timeNano };
  switch (event.Type) {
    case 'service':
      return event.Actor.ID ? work({ ...since, services: [event.Actor.ID] }) : work({ ...since, full: true });
    case 'node':
      return work({ ...since, nodes: true });
    case 'network':
      return event.scope === 'local' ? undefined : work({ ...since, networks: true });
    case 'config':
      return work({ ...since, configs: true });
    case 'secret':
      return work({ ...since, secrets: true });
    case 'container': {
      const serviceId = event.Actor.Attributes['com.docker.swarm.service.id'];
      return serviceId ? work({ ...since, services: [serviceId] }) : undefined;
    }
    default:
      return undefined;
  }
}
