import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Transactional outbox shared by every service: a row is inserted in the same transaction as the
 * state change it announces, and the relay publishes it to JetStream with `Nats-Msg-Id` = `id`.
 */
export const outbox = pgTable(
  'outbox',
  {
    /** Event id; also the JetStream `Nats-Msg-Id`, so a republish is deduplicated. */
    id: uuid('id').primaryKey(),
    clusterId: text('cluster_id').notNull(),
    /** Full NATS subject, e.g. `swarmops.events.node.down`. */
    subject: text('subject').notNull(),
    /** Event type, e.g. `node.down`. */
    type: text('type').notNull(),
    /** The JSON event envelope, published as is. */
    payload: jsonb('payload').notNull(),
    /** Extra NATS headers (for example `traceparent`). */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set only after JetStream acknowledged the publish. */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_unsent_idx')
      .on(t.createdAt)
      .where(sql`${t.sentAt} is null`),
  ],
);

/** Inbox: event ids each consumer has applied, written in the same transaction as the effect. */
export const processedEvents = pgTable(
  'processed_events',
  {
    /** Durable consumer name. */
    consumer: text('consumer').notNull(),
    eventId: text('event_id').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] })],
);
