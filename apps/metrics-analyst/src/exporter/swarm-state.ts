import { SwarmLabels } from './docker-types.js';
import type { RawNode, RawResources, RawService, RawTask } from './docker-types.js';

/** One node as the swarm schedules it. */
export interface NodeSample {
  readonly node: string;
  readonly nodeId: string;
  readonly role: string;
  readonly availability: string;
  readonly status: string;
  readonly engineVersion: string;
  readonly leader: boolean;
  readonly cpuCores: number;
  readonly memoryBytes: number;
}

export type ServiceMode = 'replicated' | 'global' | 'replicated-job' | 'global-job';

/** One service: replicas, tasks by state, per-task resources (undefined when not set). */
export interface ServiceSample {
  readonly service: string;
  readonly serviceId: string;
  readonly stack: string;
  readonly mode: ServiceMode;
  readonly desired: number;
  readonly running: number;
  readonly tasksByState: Readonly<Record<string, number>>;
  readonly cpuLimitCores: number | undefined;
  readonly cpuReservationCores: number | undefined;
  readonly memoryLimitBytes: number | undefined;
  readonly memoryReservationBytes: number | undefined;
  /** Ids of the listed tasks that failed (see {@link isFailedTask}), for the restart count. */
  readonly failedTaskIds: readonly string[];
}

export interface SwarmState {
  readonly nodes: readonly NodeSample[];
  readonly services: readonly ServiceSample[];
}

/** Reads the node, service and task lists of one collection into samples. */
export function readSwarm(
  nodes: readonly RawNode[],
  services: readonly RawService[],
  tasks: readonly RawTask[],
): SwarmState {
  const tasksByService = new Map<string, RawTask[]>();
  for (const task of tasks) {
    if (task.ServiceID === undefined) continue;
    const list = tasksByService.get(task.ServiceID) ?? [];
    list.push(task);
    tasksByService.set(task.ServiceID, list);
  }
  const nodeDown = new Set(nodes.filter((n) => n.Status?.State === 'down').map((n) => n.ID));
  return {
    nodes: nodes.map(readNode),
    services: services.map((s) => readService(s, tasksByService.get(s.ID) ?? [], nodeDown)),
  };
}

function readNode(node: RawNode): NodeSample {
  return {
    node: node.Description?.Hostname ?? node.ID,
    nodeId: node.ID,
    role: node.Spec?.Role ?? 'unknown',
    availability: node.Spec?.Availability ?? 'unknown',
    status: node.Status?.State ?? 'unknown',
    engineVersion: node.Description?.Engine?.EngineVersion ?? '',
    leader: node.ManagerStatus?.Leader === true,
    cpuCores: (node.Description?.Resources?.NanoCPUs ?? 0) / 1e9,
    memoryBytes: node.Description?.Resources?.MemoryBytes ?? 0,
  };
}

function readService(
  service: RawService,
  tasks: readonly RawTask[],
  nodeDown: ReadonlySet<string>,
): ServiceSample {
  const spec = service.Spec;
  const mode = serviceMode(service);
  const tasksByState: Record<string, number> = { running: 0 };
  for (const task of tasks) {
    const state = task.Status?.State ?? 'unknown';
    tasksByState[state] = (tasksByState[state] ?? 0) + 1;
  }
  const limits = spec?.TaskTemplate?.Resources?.Limits;
  const reservations = spec?.TaskTemplate?.Resources?.Reservations;
  return {
    service: spec?.Name ?? service.ID,
    serviceId: service.ID,
    stack: spec?.Labels?.[SwarmLabels.stack] ?? '',
    mode,
    desired: desiredTasks(service, mode, tasks, nodeDown),
    running: tasks.filter((t) => t.Status?.State === 'running' && wantedUp(t, nodeDown)).length,
    tasksByState,
    cpuLimitCores: cores(limits),
    cpuReservationCores: cores(reservations),
    memoryLimitBytes: bytes(limits?.MemoryBytes),
    memoryReservationBytes: bytes(reservations?.MemoryBytes),
    failedTaskIds: tasks.filter(isFailedTask).map((t) => t.ID),
  };
}

function serviceMode(service: RawService): ServiceMode {
  const mode = service.Spec?.Mode;
  if (mode?.Global !== undefined) return 'global';
  if (mode?.ReplicatedJob !== undefined) return 'replicated-job';
  if (mode?.GlobalJob !== undefined) return 'global-job';
  return 'replicated';
}

// Replicated: the spec's count. Global services and jobs: the tasks the orchestrator wants running on nodes
// that are not down, which is how `docker service ls` counts a global service (a drained node's tasks are
// already desired `shutdown`; a finished job's are `complete`, so a job wants 0 once it is done).
function desiredTasks(
  service: RawService,
  mode: ServiceMode,
  tasks: readonly RawTask[],
  nodeDown: ReadonlySet<string>,
): number {
  if (mode === 'replicated') return service.Spec?.Mode?.Replicated?.Replicas ?? 1;
  return tasks.filter((t) => wantedUp(t, nodeDown)).length;
}

// A task on a down node last said `running` before the node went quiet: it is not known to run, so it counts
// neither as running nor (global) as desired, like `docker service ls`.
function wantedUp(task: RawTask, nodeDown: ReadonlySet<string>): boolean {
  return task.DesiredState === 'running' && (task.NodeID === undefined || !nodeDown.has(task.NodeID));
}

/**
 * A task that ended on its own with an error: `failed` (non-zero exit, OOM kill, failed start), `rejected`
 * (could not be scheduled or created), or `complete` with a non-zero exit code. `shutdown` is NOT counted even
 * with a non-zero exit: it is a stop on purpose (scale down, update, rollback), and a process that ignores
 * SIGTERM reports exit 137 there (checked on Docker 20.10: `service update --force` of a `sleep` leaves
 * `shutdown`/137), which would count every rolling update as a crash.
 */
export function isFailedTask(task: RawTask): boolean {
  const state = task.Status?.State;
  if (state === 'failed' || state === 'rejected') return true;
  return state === 'complete' && (task.Status?.ContainerStatus?.ExitCode ?? 0) !== 0;
}

function cores(resources: RawResources | undefined): number | undefined {
  const nano = resources?.NanoCPUs;
  return nano !== undefined && nano > 0 ? nano / 1e9 : undefined;
}

function bytes(value: number | undefined): number | undefined {
  return value !== undefined && value > 0 ? value : undefined;
}
