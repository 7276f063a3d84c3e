import { deriveStacks } from './derive-stacks.js';
import type { Entry, Snapshot } from './entry.js';
import { byId } from './entry.js';
import { configEntry, networkEntry, secretEntry } from './normalize-meta.js';
import { nodeEntry } from './normalize-node.js';
import { serviceEntry } from './normalize-service.js';
import { countRunning, taskEntry } from './normalize-task.js';
import type { RawConfigOrSecret, RawNetwork, RawNode, RawService, RawSwarm, RawTask } from './raw-docker.js';

/**
 * What one read of Docker saw. A list without a scope is complete (every object of that kind);
 * `services.ids` / `tasks.serviceIds` narrow a targeted read to those services.
 */
export interface Observation {
  swarm?: RawSwarm;
  nodes?: RawNode[];
  services?: { items: RawService[]; ids?: string[] };
  tasks?: { items: RawTask[]; serviceIds?: string[] };
  networks?: RawNetwork[];
  configs?: RawConfigOrSecret[];
  secrets?: RawConfigOrSecret[];
}

/** Which stored rows an observation needs to be diffed against. */
export interface LoadScope {
  node: boolean;
  network: boolean;
  config: boolean;
  secret: boolean;
  /** All services: stacks and task names need them. */
  service: boolean;
  stack: boolean;
  /** All tasks, the tasks of these service ids, or none. */
  task: 'all' | string[] | false;
}

/** The stored rows to load for `observation`. */
export function loadScopeOf(observation: Observation): LoadScope {
  const t = observation.tasks;
  return {
    node: observation.nodes !== undefined,
    network: observation.networks !== undefined || observation.services !== undefined,
    config: observation.configs !== undefined,
    secret: observation.secrets !== undefined,
    service: observation.services !== undefined || t !== undefined,
    stack: observation.services !== undefined,
    task: t === undefined ? false : (t.serviceIds ?? 'all'),
  };
}

/**
 * The snapshot Docker now shows, for the kinds `observation` covers: observed objects replace the
 * stored ones they cover, everything else stored is kept. `replicas.running` is recounted for the
 * services whose tasks were observed; stacks are derived again when services were observed.
 * Only kinds `diffSnapshot` should compare are present in the result.
 */
export function planNext(stored: Snapshot, observation: Observation): Snapshot {
  const next: Snapshot = {};
  if (observation.nodes) next.node = byId(observation.nodes.map(nodeEntry));
  if (observation.networks) next.network = byId(observation.networks.map(networkEntry));
  if (observation.configs) next.config = byId(observation.configs.map(configEntry));
  if (observation.secrets) next.secret = byId(observation.secrets.map(secretEntry));

  const storedServices = stored.service ?? new Map<string, Entry>();
  const serviceNames = new Map([...storedServices.values()].map((s) => [s.id, s.name]));
  for (const raw of observation.services?.items ?? []) serviceNames.set(raw.ID, raw.Spec?.Name ?? raw.ID);

  const tasksCover = coverage(observation.tasks?.serviceIds);
  if (observation.tasks) {
    const tasks = new Map(
      [...(stored.task ?? new Map<string, Entry>())].filter(([, t]) => !tasksCover(serviceIdOf(t))),
    );
    for (const raw of observation.tasks.items) {
      if (tasksCover(raw.ServiceID)) tasks.set(raw.ID, taskEntry(raw, serviceNames.get(raw.ServiceID)));
    }
    next.task = tasks;
  }

  if (observation.services || observation.tasks) {
    next.service = nextServices(stored, observation, next, tasksCover);
  }
  if (observation.services) next.stack = byId(deriveStacks(next.service!.values(), stored.stack));
  return next;
}

function nextServices(
  stored: Snapshot,
  observation: Observation,
  next: Snapshot,
  tasksCover: (serviceId: string) => boolean,
): Map<string, Entry> {
  const services = new Map(stored.service ?? []);
  const taskDocs = [...(next.task ?? stored.task ?? new Map<string, Entry>()).values()].map((t) => t.doc);
  const networks = next.network ?? stored.network ?? new Map<string, Entry>();
  const networkNames = new Map([...networks.values()].map((n) => [n.id, n.name]));
  if (observation.services) {
    const servicesCover = coverage(observation.services.ids);
    for (const id of [...services.keys()]) if (servicesCover(id)) services.delete(id);
    for (const raw of observation.services.items) {
      if (!servicesCover(raw.ID)) continue;
      const previous = stored.service?.get(raw.ID)?.doc.replicas as { running?: number } | undefined;
      const running =
        observation.tasks && tasksCover(raw.ID) ? countRunning(taskDocs, raw.ID) : (previous?.running ?? 0);
      services.set(raw.ID, serviceEntry(raw, { networkNames, running }));
    }
  }
  if (observation.tasks) {
    for (const [id, entry] of services) {
      if (!tasksCover(id)) continue;
      const replicas = entry.doc.replicas as { desired: number; running: number };
      const running = countRunning(taskDocs, id);
      if (replicas.running !== running)
        services.set(id, { ...entry, doc: { ...entry.doc, replicas: { ...replicas, running } } });
    }
  }
  return services;
}

function coverage(ids: string[] | undefined): (id: string) => boolean {
  if (ids === undefined) return () => true;
  const set = new Set(ids);
  return (id) => set.has(id);
}

function serviceIdOf(task: Entry): string {
  return String(task.doc.serviceId);
}
