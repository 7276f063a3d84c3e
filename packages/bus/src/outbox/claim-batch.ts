import { headers as natsHeaders } from '@nats-io/nats-core';
import type { JetStreamClient } from '@nats-io/jetstream';
import type pg from 'pg';
import { encodeJson } from '../codec.js';
import { errorMessage } from '../logger.js';

interface OutboxRow {
  id: string;
  subject: string;
  payload: unknown;
  headers: Record<string, string> | null;
}

/** Outcome of one {@link relayBatch}. */
export interface BatchResult {
  claimed: number;
  sent: number;
  failed: number;
}

/**
 * One relay step in one transaction: claim up to `batchSize` unsent rows with
 * `FOR UPDATE SKIP LOCKED` (so concurrent relays never take the same row), publish each with
 * `Nats-Msg-Id` = row id, set `sent_at` only for rows JetStream acknowledged, commit.
 * A crash before commit leaves the rows unsent; the republish is dropped by JetStream's dedupe.
 */
export async function relayBatch(
  pool: pg.Pool,
  js: JetStreamClient,
  { batchSize, publishTimeoutMs }: { batchSize: number; publishTimeoutMs: number },
): Promise<BatchResult> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<OutboxRow>(
      `SELECT id, subject, payload, headers FROM outbox
        WHERE sent_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [batchSize],
    );
    // Pipelined on one connection, so JetStream stores them in claim order.
    const results = await Promise.allSettled(rows.map((row) => publishRow(js, row, publishTimeoutMs)));
    const sent = rows.filter((_, i) => results[i]?.status === 'fulfilled').map((r) => r.id);
    const failed = rows.flatMap((row, i) => {
      const r = results[i];
      return r?.status === 'rejected' ? [{ id: row.id, error: errorMessage(r.reason) }] : [];
    });
    if (sent.length > 0) {
      await client.query(
        'UPDATE outbox SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])',
        [sent],
      );
    }
    for (const f of failed) {
      await client.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [
        f.id,
        f.error,
      ]);
    }
    await client.query('COMMIT');
    return { claimed: rows.length, sent: sent.length, failed: failed.length };
  } catch (err) {
    broken = err instanceof Error ? err : new Error(String(err));
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release(broken);
  }
}

async function publishRow(js: JetStreamClient, row: OutboxRow, timeoutMs: number): Promise<void> {
  const h = natsHeaders();
  for (const [key, value] of Object.entries(row.headers ?? {})) h.set(key, value);
  await js.publish(row.subject, encodeJson(row.payload), { msgID: row.id, headers: h, timeout: timeoutMs });
}
