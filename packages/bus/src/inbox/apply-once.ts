import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { schema } from '@swarmops/db';
import type { Database } from '@swarmops/db';

/** The transaction an effect runs in: the same one that records the event as processed. */
export interface InboxTx {
  /** Drizzle over the transaction's connection. */
  db: Database;
  /** The raw connection, inside `BEGIN`. */
  client: pg.PoolClient;
}

/** Result of {@link applyOnce}. */
export type ApplyResult<T> = { applied: true; result: T } | { applied: false };

/**
 * Runs `effect` at most once per `(consumer, eventId)`: the event id is inserted into
 * `processed_events` in the same transaction as the effect, so a redelivered event (or a second
 * copy processed concurrently) finds the row and changes nothing. If the effect throws, both roll back.
 *
 * @example
 * await applyOnce(pool, { consumer: 'health', eventId: event.id }, ({ db }) => db.insert(...));
 */
export async function applyOnce<T>(
  pool: pg.Pool,
  { consumer, eventId }: { consumer: string; eventId: string },
  effect: (tx: InboxTx) => Promise<T>,
): Promise<ApplyResult<T>> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const inserted = await client.query(
      'INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [consumer, eventId],
    );
    if (inserted.rowCount !== 1) {
      await client.query('ROLLBACK');
      return { applied: false };
    }
    const result = await effect({ db: drizzle(client, { schema }), client });
    await client.query('COMMIT');
    return { applied: true, result };
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackErr: unknown) => {
      broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
