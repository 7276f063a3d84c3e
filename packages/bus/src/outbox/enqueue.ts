import { headers as natsHeaders } from '@nats-io/nats-core';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { EventEnvelopeSchema, eventSubject, parseOrThrow } from '@swarmops/contracts';
import type { EventEnvelope } from '@swarmops/contracts';
import { outbox } from '@swarmops/db';
import { injectTraceContext } from '../trace.js';
import { OUTBOX_CHANNEL } from './channel.js';

/** The caller's open transaction: a drizzle transaction, or a pg client inside `BEGIN`. */
export type OutboxTx = Pick<NodePgDatabase, 'insert' | 'execute'> | Pick<pg.ClientBase, 'query'>;

/** Options for {@link enqueueOutbox}. */
export interface EnqueueOutboxOptions {
  /** Subject of each event; default `swarmops.events.<type>`. */
  subjectFor?: (event: EventEnvelope) => string;
}

/**
 * Writes events to the outbox inside the caller's transaction, the same one as the state change
 * they announce, so either both commit or neither does. The relay publishes them after commit.
 * Each envelope is validated; the active trace context is stored as headers.
 *
 * @example
 * await db.transaction(async (tx) => {
 *   await tx.update(nodes).set({ status: 'down' }).where(...);
 *   await enqueueOutbox(tx, [event]);
 * });
 */
export async function enqueueOutbox(
  tx: OutboxTx,
  envelopes: readonly EventEnvelope[],
  { subjectFor = (e) => eventSubject(e.type) }: EnqueueOutboxOptions = {},
): Promise<void> {
  if (envelopes.length === 0) return;
  const rows = envelopes.map((envelope) => {
    const event = parseOrThrow(EventEnvelopeSchema, envelope, 'outbox event');
    return {
      id: event.id,
      clusterId: event.clusterId,
      subject: subjectFor(event),
      type: event.type,
      payload: event,
      headers: traceHeaders(event.traceparent),
    };
  });
  if ('insert' in tx) {
    await tx.insert(outbox).values(rows);
    await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
    return;
  }
  await tx.query(
    `INSERT INTO outbox (id, cluster_id, subject, type, payload, headers)
     SELECT * FROM jsonb_to_recordset($1::jsonb)
       AS r(id uuid, cluster_id text, subject text, type text, payload jsonb, headers jsonb)`,
    [
      JSON.stringify(
        rows.map((r) => ({
          id: r.id,
          cluster_id: r.clusterId,
          subject: r.subject,
          type: r.type,
          payload: r.payload,
          headers: r.headers,
        })),
      ),
    ],
  );
  await tx.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
}

function traceHeaders(traceparent: string | undefined): Record<string, string> {
  if (traceparent) return { traceparent };
  const h = natsHeaders();
  injectTraceContext(h);
  const out: Record<string, string> = {};
  for (const key of h.keys()) out[key] = h.get(key);
  return out;
}
