import { headers as natsHeaders } from '@nats-io/nats-core';
import type { MsgHdrs } from '@nats-io/nats-core';
import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import { EventEnvelopeSchema, eventSubject, parseOrThrow } from '@swarmops/contracts';
import type { EventEnvelope } from '@swarmops/contracts';
import { encodeJson } from '../codec.js';
import { injectTraceContext } from '../trace.js';

/** Options for {@link publishEvent}. */
export interface PublishEventOptions {
  /** Subject to publish on; default `swarmops.events.<type>`. */
  subject?: string;
  /** Milliseconds to wait for the JetStream ack. Default 5000. */
  timeoutMs?: number;
}

/**
 * Validates an event envelope and publishes it to JetStream with `Nats-Msg-Id` = `envelope.id`, so
 * a republish within the stream's duplicate window is dropped. Resolves with the ack (`duplicate`
 * is true for a dropped republish). The envelope's `traceparent` (or the active context) travels
 * in the headers.
 */
export async function publishEvent(
  js: JetStreamClient,
  envelope: EventEnvelope,
  { subject, timeoutMs = 5000 }: PublishEventOptions = {},
): Promise<PubAck> {
  const event = parseOrThrow(EventEnvelopeSchema, envelope, 'event envelope');
  const headers = eventHeaders(event.traceparent);
  return js.publish(subject ?? eventSubject(event.type), encodeJson(event), {
    msgID: event.id,
    headers,
    timeout: timeoutMs,
  });
}

function eventHeaders(traceparent: string | undefined): MsgHdrs {
  const h = natsHeaders();
  if (traceparent) h.set('traceparent', traceparent);
  else injectTraceContext(h);
  return h;
}
