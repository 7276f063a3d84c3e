import { z } from 'zod';

/** The JetStream stream that carries every platform event. */
export const EVENTS_STREAM = 'SWARMOPS_EVENTS';
/** The subjects of {@link EVENTS_STREAM}. */
export const EVENTS_SUBJECTS = 'swarmops.events.>';
/** The prefix of every event subject. */
export const EVENTS_PREFIX = 'swarmops.events';

/** An event type is dotted lower-case words, e.g. `node.down`, `task.state-changed`. */
export const EventTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'expected dotted lower-case words like `node.down`');

/** W3C `traceparent`: version-traceid-spanid-flags. */
export const TraceparentSchema = z
  .string()
  .regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/, 'expected a W3C traceparent');

/**
 * The envelope of every event on the bus: `{ id, type, source, time, clusterId, traceparent, data }`.
 * `id` doubles as the JetStream `Nats-Msg-Id`, so a republished event is dropped as a duplicate.
 */
export const EventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: EventTypeSchema,
  source: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  clusterId: z.string().min(1),
  traceparent: TraceparentSchema.optional(),
  data: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof EventEnvelopeSchema>;

/** The subject an event of `type` is published on: `swarmops.events.<type>`. */
export function eventSubject(type: string): string {
  return `${EVENTS_PREFIX}.${type}`;
}

/** What {@link createEvent} needs injected, so building an event stays pure. */
export interface EventFactoryDeps {
  newId: () => string;
  now: () => Date;
}

/** Builds a valid envelope; ids and the clock are injected. */
export function createEvent(
  deps: EventFactoryDeps,
  fields: Pick<EventEnvelope, 'type' | 'source' | 'clusterId' | 'data'> & { traceparent?: string },
): EventEnvelope {
  return EventEnvelopeSchema.parse({ id: deps.newId(), time: deps.now().toISOString(), ...fields });
}
