import type { Task, TaskState } from '@swarmops/contracts';
import type { ClusterSnapshot, ServiceFacts } from '../snapshot.js';

// Helpers the service analyzers share: reading the Docker spec inventory keeps, and grouping tasks.

type Doc = Record<string, unknown>;

/** The subject of a service's results. */
export function serviceSubject(service: Pick<ServiceFacts, 'name'>): string {
  return `service:${service.name}`;
}

function doc(value: unknown): Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Doc) : {};
}

/** `spec.TaskTemplate.ContainerSpec`, or `{}`. */
export function containerSpec(service: ServiceFacts): Doc {
  return doc(doc(service.spec['TaskTemplate'])['ContainerSpec']);
}

/** `spec.TaskTemplate`, or `{}`. */
export function taskTemplate(service: ServiceFacts): Doc {
  return doc(service.spec['TaskTemplate']);
}

/** A field of a spec object as a list of documents (`Mounts`), or `[]`. */
export function docList(value: unknown): Doc[] {
  return Array.isArray(value) ? value.map(doc) : [];
}

/** A field as a list of strings (`CapabilityAdd`), or `[]`. */
export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Jobs run to completion: their desired count is not a number of running replicas. */
export function isJob(service: ServiceFacts): boolean {
  const mode = doc(service.spec['Mode']);
  return mode['ReplicatedJob'] !== undefined || mode['GlobalJob'] !== undefined;
}

/** Every task of each service id, newest first (by `updatedAt`). */
export function tasksByService(snapshot: ClusterSnapshot): Map<string, Task[]> {
  const byService = new Map<string, Task[]>();
  for (const task of snapshot.tasks) {
    const list = byService.get(task.serviceId) ?? [];
    list.push(task);
    byService.set(task.serviceId, list);
  }
  for (const list of byService.values())
    list.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  return byService;
}

/** The slot a task fills: its slot number (replicated) or its node (global). */
export function slotOf(task: Task): string {
  return task.slot !== null ? String(task.slot) : `node:${task.nodeId ?? task.id}`;
}

/** Tasks the orchestrator still wants (desired `running`, or `ready` while a restart delay runs). */
export function isWanted(task: Task): boolean {
  return task.desiredState === 'running' || task.desiredState === 'ready';
}

const BEFORE_RUNNING: ReadonlySet<TaskState> = new Set<TaskState>([
  'new',
  'allocated',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
]);

/** States a task passes through before `running`. */
export function isBeforeRunning(state: TaskState): boolean {
  return BEFORE_RUNNING.has(state);
}

/** Whole seconds from `iso` to `now` (0 when `iso` is in the future or unreadable). */
export function secondsSince(now: Date, iso: string): number {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return 0;
  return Math.max(0, Math.round((now.getTime() - at) / 1000));
}

/** A Docker duration in nanoseconds as seconds; `fallback` when absent. */
export function nanosToSeconds(value: unknown, fallback: number): number {
  return typeof value === 'number' && value > 0 ? value / 1e9 : fallback;
}

/** A short form of a task for evidence. */
export function taskEvidence(task: Task): Record<string, unknown> {
  return {
    taskId: task.id,
    slot: task.slot ?? task.nodeId,
    state: task.state,
    desiredState: task.desiredState,
    message: task.message,
    error: task.error,
    at: task.updatedAt,
  };
}
