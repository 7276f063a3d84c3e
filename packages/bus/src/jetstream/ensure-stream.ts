import { nanos } from '@nats-io/nats-core';
import { RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager, StreamConfig, StreamInfo } from '@nats-io/jetstream';
import { EVENTS_STREAM, EVENTS_SUBJECTS } from '@swarmops/contracts';
import { configDiff } from './config-diff.js';
import { isNotFound } from './not-found.js';

/** What {@link ensureStream} and {@link ensureConsumer} did. */
export type EnsureAction = 'created' | 'updated' | 'unchanged';

/** A stream config with its name required; other fields default on the server. */
export type DesiredStream = Partial<StreamConfig> & Pick<StreamConfig, 'name'>;

/** Options for {@link eventsStreamConfig}. */
export interface EventsStreamOptions {
  /** 1 locally, 3 in a NATS cluster. Default 1. */
  replicas?: number;
  /** Default `SWARMOPS_EVENTS`. */
  name?: string;
  /** Default `['swarmops.events.>']`. */
  subjects?: string[];
  /** Deduplication window for `Nats-Msg-Id`, in milliseconds; at least 2 minutes. Default 2 minutes. */
  duplicateWindowMs?: number;
  /** Maximum age of an event, in milliseconds; 0 keeps events forever. Default 7 days. */
  maxAgeMs?: number;
}

const TWO_MINUTES_MS = 120_000;

/** The config of the platform events stream: file storage, limits retention, a dedupe window of 2 min or more. */
export function eventsStreamConfig({
  replicas = 1,
  name = EVENTS_STREAM,
  subjects = [EVENTS_SUBJECTS],
  duplicateWindowMs = TWO_MINUTES_MS,
  maxAgeMs = 7 * 24 * 3600 * 1000,
}: EventsStreamOptions = {}): DesiredStream {
  return {
    name,
    subjects,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    num_replicas: replicas,
    duplicate_window: nanos(Math.max(duplicateWindowMs, TWO_MINUTES_MS)),
    max_age: nanos(maxAgeMs),
  };
}

/**
 * Creates the stream, or updates it when a field given in `config` differs from the server's;
 * leaves it alone otherwise. Safe to call from every replica at start-up, concurrently.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  config: DesiredStream,
): Promise<{ action: EnsureAction; info: StreamInfo }> {
  const existing = await jsm.streams.info(config.name).catch((err: unknown) => {
    if (isNotFound(err)) return null;
    throw err;
  });
  if (!existing) {
    try {
      return { action: 'created', info: await jsm.streams.add(config) };
    } catch (err) {
      // Another process created it between our info and add: fall through to compare.
      const raced = await jsm.streams.info(config.name).catch(() => null);
      if (!raced) throw err;
      return reconcile(jsm, config, raced);
    }
  }
  return reconcile(jsm, config, existing);
}

async function reconcile(
  jsm: JetStreamManager,
  config: DesiredStream,
  existing: StreamInfo,
): Promise<{ action: EnsureAction; info: StreamInfo }> {
  if (configDiff(config, existing.config).length === 0) return { action: 'unchanged', info: existing };
  return { action: 'updated', info: await jsm.streams.update(config.name, config) };
}
