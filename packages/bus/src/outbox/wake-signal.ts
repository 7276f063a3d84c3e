import type pg from 'pg';
import type { BusLogger } from '../logger.js';
import { errorMessage } from '../logger.js';
import { OUTBOX_CHANNEL } from './channel.js';

/** Resolves a wait early when PostgreSQL notifies the outbox channel. */
export interface WakeSignal {
  /** Waits up to `ms`, or less when a notification arrives. */
  wait(ms: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * LISTENs on the outbox channel with a dedicated pooled connection. When listening fails (for
 * example the database restarted), waits fall back to plain sleeps and the listener is re-created
 * on the next wait.
 */
export function createWakeSignal(pool: pg.Pool, logger: BusLogger): WakeSignal {
  let client: pg.PoolClient | undefined;
  let connecting: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let closed = false;

  const drop = (err?: Error) => {
    const c = client;
    client = undefined;
    c?.removeAllListeners('notification');
    c?.release(err ?? true);
  };

  const listen = async () => {
    const c = await pool.connect();
    c.on('notification', () => wake?.());
    c.on('error', (err: Error) => {
      logger.warn({ err: err.message }, 'outbox listener lost its connection');
      if (client === c) drop(err);
    });
    await c.query(`LISTEN ${OUTBOX_CHANNEL}`);
    client = c;
  };

  return {
    async wait(ms) {
      if (!client && !connecting && !closed) {
        connecting = listen()
          .catch((err: unknown) => logger.warn({ err: errorMessage(err) }, 'outbox listen failed; polling'))
          .finally(() => (connecting = undefined));
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    },
    async close() {
      closed = true;
      await connecting;
      wake?.();
      if (client) {
        await client.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined);
        drop();
      }
    },
  };
}
