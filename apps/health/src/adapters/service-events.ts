import { DeliverPolicy } from '@nats-io/jetstream';
import type { JetStreamClient } from '@nats-io/jetstream';
import { EventEnvelopeSchema, EVENTS_STREAM, eventSubject } from '@swarmops/contracts';
import type { EventEnvelope } from '@swarmops/contracts';

/** Options of {@link readRecentEvents}. */
export interface RecentEventsOptions {
  /** Event subjects (one ordered consumer each; nats-server 2.9 takes one filter per consumer). */
  subjects?: readonly string[];
  since: Date;
  /** Most messages kept per subject: the newest. */
  max?: number;
  /** Most messages scanned per subject (the oldest beyond it are skipped unread). */
  scanMax?: number;
  timeoutMs?: number;
}

/**
 * Reads the events of the last while from the events stream with short-lived ordered consumers (no state
 * left on the server), newest `max` per subject. Used by diagnosis to show what happened to a service.
 */
export async function readRecentEvents(
  js: JetStreamClient,
  {
    subjects = [eventSubject('service.>'), eventSubject('task.state-changed')],
    since,
    max = 500,
    scanMax = 5000,
    timeoutMs = 2000,
  }: RecentEventsOptions,
): Promise<EventEnvelope[]> {
  const lists = await Promise.all(
    subjects.map(async (subject) => {
      const consumer = await js.consumers.get(EVENTS_STREAM, {
        filter_subjects: subject,
        deliver_policy: DeliverPolicy.StartTime,
        opt_start_time: since.toISOString(),
      });
      const out: EventEnvelope[] = [];
      const info = await consumer.info(true);
      let pending = info.num_pending;
      // Read forward in batches (bounded by `scanMax`), keeping only the newest `max`.
      for (let scanned = 0; pending > 0 && scanned < scanMax;) {
        const messages = await consumer.fetch({
          max_messages: Math.min(500, pending, scanMax - scanned),
          expires: timeoutMs,
        });
        let got = 0;
        for await (const msg of messages) {
          got += 1;
          const parsed = EventEnvelopeSchema.safeParse(msg.json());
          if (parsed.success) out.push(parsed.data);
          if (out.length > max) out.shift();
          pending = msg.info.pending;
          if (pending === 0) break;
        }
        if (got === 0) break;
        scanned += got;
      }
      await consumer.delete().catch(() => false);
      return out;
    }),
  );
  return lists.flat();
}
