import { nanos } from '@nats-io/nats-core';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { EventEnvelopeSchema, describeZodError } from '@swarmops/contracts';
import type { EventEnvelope } from '@swarmops/contracts';
import { decodeJson } from '../codec.js';
import { errorMessage, silentLogger } from '../logger.js';
import type { BusLogger } from '../logger.js';
import { publishDeadLetter } from './dead-letter.js';
import { ensureConsumer } from './ensure-consumer.js';

/** Where an event came from, passed to the handler beside the envelope. */
export interface DeliveryMeta {
  subject: string;
  streamSequence: number;
  /** 1 on first delivery. */
  deliveryCount: number;
  msg: JsMsg;
}

/** Options for {@link consumeDurable}. */
export interface ConsumeDurableOptions {
  js: JetStreamClient;
  stream: string;
  /** Durable consumer name; created or updated to match these options. */
  durable: string;
  filterSubject: string;
  /** Subject a stream captures; messages that cannot be applied end here. */
  deadLetterSubject: string;
  /** Applies one event; make it idempotent (see `applyOnce`). Throwing naks the message. */
  handler: (event: EventEnvelope, meta: DeliveryMeta) => Promise<void>;
  /** Deliveries before a message is dead-lettered; finite. Default 5. */
  maxDeliver?: number;
  /** Milliseconds the server waits for an ack before redelivering. Default 30000. */
  ackWaitMs?: number;
  /** Redelivery delay after the n-th failed delivery. Default 1 s doubling up to 30 s. */
  backoffMs?: (deliveryCount: number) => number;
  /** Messages pulled ahead of the handler. Default 100. */
  maxMessages?: number;
  logger?: BusLogger;
}

/** A running consumer; `stop` ends it after the message in hand. */
export interface DurableConsumer {
  stop(): Promise<void>;
  /** Resolves when the consume loop has ended. */
  readonly done: Promise<void>;
}

const defaultBackoff = (n: number): number => Math.min(1000 * 2 ** Math.max(0, n - 1), 30_000);

/**
 * Consumes a durable pull consumer with explicit acks. A valid event goes to `handler`: success
 * acks; failure naks with backoff until `maxDeliver`, when the message is published to the
 * dead-letter subject (with its subject, headers and the error) and terminated. A message that is
 * not a valid event envelope is dead-lettered at once.
 */
export async function consumeDurable(options: ConsumeDurableOptions): Promise<DurableConsumer> {
  const {
    js,
    stream,
    durable,
    filterSubject,
    maxDeliver = 5,
    ackWaitMs = 30_000,
    maxMessages = 100,
  } = options;
  if (!Number.isInteger(maxDeliver) || maxDeliver < 1)
    throw new Error('maxDeliver must be a positive integer');
  const jsm = await js.jetstreamManager();
  await ensureConsumer(jsm, stream, {
    durable_name: durable,
    filter_subject: filterSubject,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_deliver: maxDeliver,
    ack_wait: nanos(ackWaitMs),
  });
  const consumer = await js.consumers.get(stream, durable);
  const messages = await consumer.consume({ max_messages: maxMessages });
  const done = loop(messages, { ...options, maxDeliver });
  return {
    done,
    async stop() {
      await messages.close();
      await done;
    },
  };
}

async function loop(messages: ConsumerMessages, options: ConsumeDurableOptions & { maxDeliver: number }) {
  const logger = options.logger ?? silentLogger;
  for await (const msg of messages) {
    await handleOne(msg, options, logger).catch((err: unknown) => {
      logger.error({ subject: msg.subject, seq: msg.seq, err: errorMessage(err) }, 'event handling failed');
    });
  }
}

async function handleOne(
  msg: JsMsg,
  options: ConsumeDurableOptions & { maxDeliver: number },
  logger: BusLogger,
) {
  const { handler, maxDeliver, backoffMs = defaultBackoff } = options;
  const event = parseEvent(msg);
  if (!event.ok) {
    await deadLetter(msg, options, `malformed event: ${event.reason}`, logger);
    return;
  }
  const deliveryCount = msg.info.deliveryCount;
  try {
    await handler(event.value, {
      subject: msg.subject,
      streamSequence: msg.info.streamSequence,
      deliveryCount,
      msg,
    });
    msg.ack();
  } catch (err) {
    const reason = errorMessage(err);
    if (deliveryCount >= maxDeliver) {
      await deadLetter(msg, options, reason, logger);
      return;
    }
    logger.warn(
      { subject: msg.subject, id: event.value.id, deliveryCount, err: reason },
      'event handler failed; will retry',
    );
    msg.nak(backoffMs(deliveryCount));
  }
}

function parseEvent(msg: JsMsg): { ok: true; value: EventEnvelope } | { ok: false; reason: string } {
  const decoded = decodeJson(msg.data);
  if (!decoded.ok) return decoded;
  const parsed = EventEnvelopeSchema.safeParse(decoded.value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: describeZodError(parsed.error).message };
}

async function deadLetter(msg: JsMsg, options: ConsumeDurableOptions, reason: string, logger: BusLogger) {
  const fields = {
    subject: msg.subject,
    seq: msg.info.streamSequence,
    deadLetterSubject: options.deadLetterSubject,
  };
  try {
    await publishDeadLetter(options.js, options.deadLetterSubject, msg, reason);
  } catch (err) {
    // Keep the message: without a stored dead letter, terminating it would lose it.
    logger.error(
      { ...fields, err: errorMessage(err) },
      'dead-letter publish failed; message left for redelivery',
    );
    msg.nak(5000);
    return;
  }
  logger.error({ ...fields, err: reason }, 'event dead-lettered');
  // No reason payload: nats-server before 2.10 ignores `+TERM <reason>` and would redeliver.
  msg.term();
}
