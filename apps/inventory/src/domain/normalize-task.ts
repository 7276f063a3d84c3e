import type { Task, TaskState } from '@swarmops/contracts';
import type { Doc, Entry } from './entry.js';
import type { RawTask } from './raw-docker.js';

/** A Docker task as the contract Task; `serviceName` when the service is known. */
export function normalizeTask(raw: RawTask, serviceName?: string): Task {
  const status = raw.Status ?? {};
  const task: Task = {
    id: raw.ID,
    serviceId: raw.ServiceID,
    nodeId: raw.NodeID ? raw.NodeID : null,
    slot: raw.Slot ? raw.Slot : null,
    state: (status.State ?? 'new') as TaskState,
    desiredState: (raw.DesiredState ?? 'new') as TaskState,
    message: status.Message ?? '',
    error: status.Err ? status.Err : null,
    containerId: status.ContainerStatus?.ContainerID ? status.ContainerStatus.ContainerID : null,
    updatedAt: status.Timestamp ?? raw.UpdatedAt ?? raw.CreatedAt ?? new Date(0).toISOString(),
  };
  if (serviceName !== undefined) task.serviceName = serviceName;
  // Health compares the images of a service's running tasks (`service.image-drift`).
  const image = raw.Spec?.ContainerSpec?.Image;
  if (image) task.image = image;
  return task;
}

/** The stored entry of a task; its name reads like Docker's, `web.1` or `web.<node id>`. */
export function taskEntry(raw: RawTask, serviceName?: string): Entry {
  const doc = normalizeTask(raw, serviceName);
  return { id: doc.id, name: taskName(doc), doc, version: raw.Version?.Index ?? 0 };
}

function taskName(task: Task): string {
  return `${task.serviceName ?? task.serviceId}.${task.slot ?? task.nodeId ?? task.id}`;
}

/** Tasks that count as running replicas: observed `running` while Docker still wants them running. */
export function countRunning(tasks: Iterable<Doc>, serviceId: string): number {
  let running = 0;
  for (const t of tasks) {
    if (t.serviceId === serviceId && t.state === 'running' && t.desiredState === 'running') running += 1;
  }
  return running;
}
