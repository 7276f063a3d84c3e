import type { JetStreamClient } from '@nats-io/jetstream';
import type pg from 'pg';
import { errorMessage, silentLogger } from '../logger.js';
import type { BusLogger } from '../logger.js';
import { relayBatch } from './claim-batch.js';
import { createWakeSignal } from './wake-signal.js';

/** Options for {@link startOutboxRelay}. */
export interface OutboxRelayOptions {
  pool: pg.Pool;
  js: JetStreamClient;
  /** Rows claimed per transaction. Default 100. */
  batchSize?: number;
  /** Longest sleep when the outbox is empty, in ms; a NOTIFY ends it early. Default 1000. */
  idleDelayMs?: number;
  /** Sleep after an error (database or NATS down), in ms. Default 1000. */
  errorDelayMs?: number;
  /** Milliseconds to wait for each JetStream ack. Default 5000. */
  publishTimeoutMs?: number;
  logger?: BusLogger;
}

/** A running relay. */
export interface OutboxRelay {
  /** Finishes the batch in hand, then stops. */
  stop(): Promise<void>;
  /** Rows published and marked sent since start. */
  readonly sent: number;
}

/**
 * Starts the outbox relay loop: claim unsent rows (`FOR UPDATE SKIP LOCKED`), publish each to
 * JetStream with `Nats-Msg-Id` = row id, mark sent after the ack, commit; sleep when idle until
 * woken by `NOTIFY`. Never tracks a high-water mark, so rows committed late are still sent.
 * Any number of relays may run against one database.
 */
export function startOutboxRelay({
  pool,
  js,
  batchSize = 100,
  idleDelayMs = 1000,
  errorDelayMs = 1000,
  publishTimeoutMs = 5000,
  logger = silentLogger,
}: OutboxRelayOptions): OutboxRelay {
  const signal = createWakeSignal(pool, logger);
  let running = true;
  let sent = 0;

  const run = async () => {
    while (running) {
      try {
        const result = await relayBatch(pool, js, { batchSize, publishTimeoutMs });
        sent += result.sent;
        if (result.failed > 0)
          logger.warn({ failed: result.failed }, 'outbox publish failed; rows stay unsent');
        if (result.claimed === 0) await signal.wait(idleDelayMs);
        else if (result.sent === 0) await signal.wait(errorDelayMs);
      } catch (err) {
        logger.error({ err: errorMessage(err) }, 'outbox relay step failed');
        await signal.wait(errorDelayMs);
      }
    }
  };
  const done = run();
  logger.info({ batchSize }, 'outbox relay started');

  return {
    get sent() {
      return sent;
    },
    async stop() {
      running = false;
      await signal.close();
      await done;
      logger.info({ sent }, 'outbox relay stopped');
    },
  };
}
