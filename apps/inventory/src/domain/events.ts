import { InventoryEventType } from '@swarmops/contracts';
import type { InventoryChange } from '@swarmops/contracts';
import type { Change, FieldChange } from './diff.js';

/** An event to announce: its type and its `data` (which object, which fields changed). */
export interface InventoryEvent {
  type: InventoryEventType;
  data: InventoryChange;
}

const T = InventoryEventType;

const SIMPLE: Record<
  'stack' | 'network' | 'config' | 'secret',
  [InventoryEventType, InventoryEventType, InventoryEventType]
> = {
  stack: [T.stackCreated, T.stackUpdated, T.stackRemoved],
  network: [T.networkCreated, T.networkUpdated, T.networkRemoved],
  config: [T.configCreated, T.configUpdated, T.configRemoved],
  secret: [T.secretCreated, T.secretUpdated, T.secretRemoved],
};

/**
 * The events one change announces.
 * - node: `node.joined` / `node.removed`; a status flip to ready or down emits `node.ready` /
 *   `node.down` carrying only `status`; any other changed field emits `node.updated` with those fields.
 * - service: `service.created` / `service.removed`; a new `replicas.desired` emits `service.scaled`
 *   carrying `replicas` (the spec's `Mode` change that caused it is not repeated as an update);
 *   other changed fields emit `service.updated`. A change of
 *   `replicas.running` alone emits nothing (the task events cover it).
 * - task: `task.state-changed` when `state` changed, creation included (old state null). A removed
 *   task emits nothing: tasks vanish with their service, which emits `service.removed`.
 * - stack, network, config, secret: created / updated / removed.
 */
export function eventsFor(change: Change): InventoryEvent[] {
  const make = (
    type: InventoryEventType,
    changes: Record<string, FieldChange> = change.changes,
  ): InventoryEvent => ({
    type,
    data: { kind: change.kind, id: change.id, name: change.name, changes },
  });
  switch (change.kind) {
    case 'node':
      return nodeEvents(change, make);
    case 'service':
      return serviceEvents(change, make);
    case 'task':
      if (change.op === 'delete' || change.changes.state === undefined) return [];
      return [make(T.taskStateChanged)];
    default: {
      const [created, updated, removed] = SIMPLE[change.kind];
      return [make(change.op === 'insert' ? created : change.op === 'update' ? updated : removed)];
    }
  }
}

type Make = (type: InventoryEventType, changes?: Record<string, FieldChange>) => InventoryEvent;

function nodeEvents(change: Change, make: Make): InventoryEvent[] {
  if (change.op === 'insert') return [make(T.nodeJoined)];
  if (change.op === 'delete') return [make(T.nodeRemoved)];
  const { status, ...others } = change.changes;
  const events: InventoryEvent[] = [];
  if (status !== undefined && (status.new === 'ready' || status.new === 'down')) {
    events.push(make(status.new === 'ready' ? T.nodeReady : T.nodeDown, { status }));
  } else if (status !== undefined) {
    others.status = status;
  }
  if (Object.keys(others).length > 0) events.push(make(T.nodeUpdated, others));
  return events;
}

function serviceEvents(change: Change, make: Make): InventoryEvent[] {
  if (change.op === 'insert') return [make(T.serviceCreated)];
  if (change.op === 'delete') return [make(T.serviceRemoved)];
  const { replicas, ...others } = change.changes;
  const events: InventoryEvent[] = [];
  if (replicas !== undefined && desired(replicas.old) !== desired(replicas.new)) {
    events.push(make(T.serviceScaled, { replicas }));
    // The replica count in the Docker spec is the scaling itself, not a further update.
    for (const key of Object.keys(others)) if (key.startsWith('spec.Mode')) delete others[key];
  }
  if (Object.keys(others).length > 0) events.push(make(T.serviceUpdated, others));
  return events;
}

function desired(replicas: unknown): unknown {
  return typeof replicas === 'object' && replicas !== null
    ? (replicas as { desired?: unknown }).desired
    : undefined;
}
