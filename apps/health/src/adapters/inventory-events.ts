import type { NatsConnection, Subscription } from '@nats-io/nats-core';
import { errorMessage } from '@swarmops/bus';
import type { BusLogger } from '@swarmops/bus';
import { EventEnvelopeSchema, eventSubject, InventoryChangeSchema } from '@swarmops/contracts';
import type { NodeStatusLog } from '../domain/node-status-log.js';

/** The inventory events that trigger a run: node changes, service changes, task state changes. */
export const TRIGGER_SUBJECTS = [
  eventSubject('node.>'),
  eventSubject('service.>'),
  eventSubject('task.state-changed'),
] as const;

/**
 * Listens (core NATS; a missed event only delays the verdict to the next interval run) to inventory's node,
 * service and task events: records node `down|ready` flips in the status log and calls `onEvent`.
 */
export function watchInventoryEvents(deps: {
  nc: NatsConnection;
  nodeStatus: NodeStatusLog;
  onEvent: () => void;
  logger: BusLogger;
}): { stop(): void } {
  const subs: Subscription[] = TRIGGER_SUBJECTS.map((subject) =>
    deps.nc.subscribe(subject, {
      callback: (err, msg) => {
        if (err) {
          deps.logger.warn({ subject, err: errorMessage(err) }, 'inventory event subscription failed');
          return;
        }
        try {
          recordNodeStatus(deps.nodeStatus, msg.json());
        } catch (e) {
          deps.logger.warn({ subject: msg.subject, err: errorMessage(e) }, 'unreadable inventory event');
        }
        deps.onEvent();
      },
    }),
  );
  return {
    stop() {
      for (const sub of subs) sub.unsubscribe();
    },
  };
}

/** Feeds a `node.down|ready` event into the log; other events are ignored. */
export function recordNodeStatus(log: NodeStatusLog, payload: unknown): void {
  const envelope = EventEnvelopeSchema.safeParse(payload);
  if (!envelope.success) return;
  const { type, data, time } = envelope.data;
  if (type !== 'node.down' && type !== 'node.ready') return;
  const change = InventoryChangeSchema.safeParse(data);
  if (!change.success) return;
  log.observe(change.data.id, change.data.name, type === 'node.down' ? 'down' : 'ready', new Date(time));
}
