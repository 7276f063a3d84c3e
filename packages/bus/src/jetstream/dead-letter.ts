import { headers as natsHeaders } from '@nats-io/nats-core';
import type { JetStreamClient, JsMsg, PubAck } from '@nats-io/jetstream';

/** Headers a dead-lettered message carries besides its original ones. */
export const DeadLetterHeaders = {
  subject: 'Swarmops-Dlq-Subject',
  stream: 'Swarmops-Dlq-Stream',
  sequence: 'Swarmops-Dlq-Sequence',
  deliveries: 'Swarmops-Dlq-Deliveries',
  consumer: 'Swarmops-Dlq-Consumer',
  error: 'Swarmops-Dlq-Error',
} as const;

/**
 * Publishes `msg` unchanged to `deadLetterSubject` (which a stream must capture), keeping its
 * headers and adding where it came from and why it failed. The `Nats-Msg-Id` is derived from the
 * original stream and sequence, so retrying a dead-letter publish never stores it twice.
 */
export function publishDeadLetter(
  js: JetStreamClient,
  deadLetterSubject: string,
  msg: JsMsg,
  error: string,
): Promise<PubAck> {
  const h = natsHeaders();
  for (const key of msg.headers?.keys() ?? []) {
    if (key === 'Nats-Msg-Id') continue;
    for (const value of msg.headers?.values(key) ?? []) h.append(key, value);
  }
  h.set(DeadLetterHeaders.subject, msg.subject);
  h.set(DeadLetterHeaders.stream, msg.info.stream);
  h.set(DeadLetterHeaders.sequence, String(msg.info.streamSequence));
  h.set(DeadLetterHeaders.deliveries, String(msg.info.deliveryCount));
  h.set(DeadLetterHeaders.consumer, msg.info.consumer);
  h.set(DeadLetterHeaders.error, error.replace(/[\r\n]+/g, ' ').slice(0, 1024));
  return js.publish(deadLetterSubject, msg.data, {
    headers: h,
    msgID: `dlq:${msg.info.stream}:${msg.info.streamSequence}`,
  });
}
