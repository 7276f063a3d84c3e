import { randomUUID } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import { errorMessage, publishEvent } from '@swarmops/bus';
import type { BusLogger } from '@swarmops/bus';
import { BackupEventDataSchema, createEvent } from '@swarmops/contracts';
import type { BackupEventData, BackupEventType, EventEnvelope } from '@swarmops/contracts';

const SOURCE = 'backup';

/** What an event says; `restoreId` and `error` default to null. */
export type BackupEventInput = Omit<BackupEventData, 'restoreId' | 'error'> & {
  restoreId?: string | null;
  error?: string | null;
  /** Extra fields carried beside the contract's (e.g. the summary of a finished backup). */
  extra?: Record<string, unknown>;
};

/** Builds backup events (for the outbox) and publishes progress (directly, best effort). */
export interface BackupEvents {
  /** An envelope for the outbox, written in the same transaction as the row it announces. */
  envelope(type: BackupEventType, clusterId: string, data: BackupEventInput): EventEnvelope;
  /** Publishes a progress event at once; a failure is logged, never worth failing a run. */
  progress(type: BackupEventType, clusterId: string, data: BackupEventInput): Promise<void>;
}

/** Options of {@link createBackupEvents}; ids and the clock injected. */
export interface BackupEventsOptions {
  js: JetStreamClient | null;
  logger: BusLogger;
  newId?: () => string;
  now?: () => Date;
}

/** Creates the event builder/publisher on `swarmops.events.backup.*`. */
export function createBackupEvents({
  js,
  logger,
  newId = randomUUID,
  now = () => new Date(),
}: BackupEventsOptions): BackupEvents {
  const deps = { newId, now };
  const envelope = (type: BackupEventType, clusterId: string, input: BackupEventInput): EventEnvelope => {
    const { extra, ...fields } = input;
    const data = BackupEventDataSchema.parse(fields);
    return createEvent(deps, { type, source: SOURCE, clusterId, data: { ...extra, ...data } });
  };
  return {
    envelope,
    async progress(type, clusterId, input) {
      if (js === null) return;
      try {
        await publishEvent(js, envelope(type, clusterId, input), { timeoutMs: 2000 });
      } catch (err) {
        logger.warn({ backupId: input.backupId, err: errorMessage(err) }, 'progress event not published');
      }
    },
  };
}
