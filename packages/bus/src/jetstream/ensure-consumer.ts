import type { ConsumerConfig, ConsumerInfo, JetStreamManager } from '@nats-io/jetstream';
import { configDiff } from './config-diff.js';
import type { EnsureAction } from './ensure-stream.js';
import { isNotFound } from './not-found.js';

/** A durable consumer config with its name required. */
export type DesiredConsumer = Partial<ConsumerConfig> & { durable_name: string };

/**
 * Creates the durable consumer on `stream`, or updates it when a given field differs; idempotent
 * and safe to call concurrently.
 */
export async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: DesiredConsumer,
): Promise<{ action: EnsureAction; info: ConsumerInfo }> {
  const name = config.durable_name;
  const existing = await jsm.consumers.info(stream, name).catch((err: unknown) => {
    if (isNotFound(err)) return null;
    throw err;
  });
  if (!existing) {
    try {
      return { action: 'created', info: await jsm.consumers.add(stream, config) };
    } catch (err) {
      const raced = await jsm.consumers.info(stream, name).catch(() => null);
      if (!raced) throw err;
      return reconcile(jsm, stream, config, raced);
    }
  }
  return reconcile(jsm, stream, config, existing);
}

async function reconcile(
  jsm: JetStreamManager,
  stream: string,
  config: DesiredConsumer,
  existing: ConsumerInfo,
): Promise<{ action: EnsureAction; info: ConsumerInfo }> {
  if (configDiff(config, existing.config).length === 0) return { action: 'unchanged', info: existing };
  return { action: 'updated', info: await jsm.consumers.update(stream, config.durable_name, config) };
}
