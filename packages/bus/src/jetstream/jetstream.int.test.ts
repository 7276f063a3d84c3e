import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { headers as natsHeaders, nanos } from '@nats-io/nats-core';
import { AckPolicy } from '@nats-io/jetstream';
import type { JsMsg } from '@nats-io/jetstream';
import type { EventEnvelope } from '@swarmops/contracts';
import { natsFixture } from '@swarmops/testkit';
import type { NatsFixture } from '@swarmops/testkit';
import { testEvent } from '../testing/test-events.fixture.js';
import { consumeDurable } from './consume-durable.js';
import { DeadLetterHeaders } from './dead-letter.js';
import { ensureConsumer } from './ensure-consumer.js';
import { ensureStream, eventsStreamConfig } from './ensure-stream.js';
import { publishEvent } from './publish-event.js';

async function nextMessage(
  nats: NatsFixture,
  stream: string,
  filter: string,
  timeoutMs = 10_000,
): Promise<JsMsg> {
  const durable = `peek_${Math.random().toString(36).slice(2, 8)}`;
  await nats.jsm.consumers.add(stream, {
    durable_name: durable,
    filter_subject: filter,
    ack_policy: AckPolicy.None,
  });
  const consumer = await nats.js.consumers.get(stream, durable);
  const msg = await consumer.next({ expires: timeoutMs });
  await nats.jsm.consumers.delete(stream, durable);
  if (!msg) throw new Error(`no message on ${filter} within ${timeoutMs} ms`);
  return msg;
}

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('JetStream provisioning, publish and durable consumers', () => {
  let nats: NatsFixture;
  let stream: string;
  let prefix: string;

  beforeEach(async () => {
    nats = await natsFixture('bus-js-test');
    stream = nats.uniqueStream('events');
    prefix = nats.uniqueSubject('events');
  });

  afterEach(async () => {
    await nats.cleanup();
  });

  it('creates a stream once, leaves it unchanged, and updates only what differs', async () => {
    const config = eventsStreamConfig({ name: stream, subjects: [`${prefix}.>`] });
    expect(config.duplicate_window).toBe(nanos(120_000));
    expect((await ensureStream(nats.jsm, config)).action).toBe('created');
    expect((await ensureStream(nats.jsm, config)).action).toBe('unchanged');
    const changed = await ensureStream(nats.jsm, { ...config, max_age: nanos(3_600_000) });
    expect(changed.action).toBe('updated');
    expect(changed.info.config.max_age).toBe(nanos(3_600_000));

    const twoHours = { ...config, max_age: nanos(7_200_000) };
    const results = await Promise.all([1, 2, 3].map(() => ensureStream(nats.jsm, twoHours)));
    expect(results.filter((r) => r.action === 'updated').length).toBeGreaterThanOrEqual(1);
    expect((await ensureStream(nats.jsm, twoHours)).action).toBe('unchanged');

    const consumer = {
      durable_name: 'c1',
      filter_subject: `${prefix}.>`,
      ack_policy: AckPolicy.Explicit,
      max_deliver: 5,
    };
    expect((await ensureConsumer(nats.jsm, stream, consumer)).action).toBe('created');
    expect((await ensureConsumer(nats.jsm, stream, consumer)).action).toBe('unchanged');
    expect((await ensureConsumer(nats.jsm, stream, { ...consumer, max_deliver: 7 })).action).toBe('updated');
  });

  it('publishes with Nats-Msg-Id so a republished event is stored once', async () => {
    await ensureStream(nats.jsm, eventsStreamConfig({ name: stream, subjects: [`${prefix}.>`] }));
    const event = testEvent(1);
    const first = await publishEvent(nats.js, event, { subject: `${prefix}.x` });
    const again = await publishEvent(nats.js, event, { subject: `${prefix}.x` });
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    expect(again.seq).toBe(first.seq);
    const msg = await nextMessage(nats, stream, `${prefix}.x`);
    expect(msg.headers?.get('Nats-Msg-Id')).toBe(event.id);
    await expect(
      publishEvent(nats.js, { ...event, id: 'nope' }, { subject: `${prefix}.x` }),
    ).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
  });

  it('acks handled events, retries failures, and dead-letters after maxDeliver or when malformed', async () => {
    await ensureStream(nats.jsm, eventsStreamConfig({ name: stream, subjects: [`${prefix}.>`] }));
    const dlq = `${prefix}.dlq`;
    const seen: { seq: number; delivery: number }[] = [];
    const consumer = await consumeDurable({
      js: nats.js,
      stream,
      durable: 'worker',
      filterSubject: `${prefix}.in`,
      deadLetterSubject: dlq,
      maxDeliver: 3,
      ackWaitMs: 5000,
      backoffMs: () => 20,
      handler: async (event: EventEnvelope, meta) => {
        seen.push({ seq: event.data.seq as number, delivery: meta.deliveryCount });
        if (event.data.seq === 2) throw new Error('poison event');
        await Promise.resolve();
      },
    });
    try {
      await publishEvent(nats.js, testEvent(1), { subject: `${prefix}.in` });
      await publishEvent(nats.js, testEvent(2), { subject: `${prefix}.in` });
      const h = natsHeaders();
      h.set('x-origin', 'test');
      await nats.js.publish(`${prefix}.in`, 'not an event', { headers: h });

      await waitFor(
        async () =>
          (await nats.jsm.streams.info(stream, { subjects_filter: dlq })).state.subjects?.[dlq] === 2,
      );
      await waitFor(async () => {
        const info = await nats.jsm.consumers.info(stream, 'worker');
        return info.num_ack_pending === 0 && info.num_pending === 0;
      });
      expect(seen.filter((s) => s.seq === 1)).toEqual([{ seq: 1, delivery: 1 }]);
      expect(seen.filter((s) => s.seq === 2).map((s) => s.delivery)).toEqual([1, 2, 3]);
    } finally {
      await consumer.stop();
    }

    await nats.jsm.consumers.add(stream, {
      durable_name: 'dlq_reader',
      filter_subject: dlq,
      ack_policy: AckPolicy.None,
    });
    const batch = await (
      await nats.js.consumers.get(stream, 'dlq_reader')
    ).fetch({ max_messages: 2, expires: 5000 });
    const dead: JsMsg[] = [];
    for await (const m of batch) dead.push(m);
    const poison = dead.find((m) => m.string() !== 'not an event');
    expect(poison?.headers?.get(DeadLetterHeaders.subject)).toBe(`${prefix}.in`);
    expect(poison?.headers?.get(DeadLetterHeaders.deliveries)).toBe('3');
    expect(poison?.headers?.get(DeadLetterHeaders.error)).toBe('poison event');
    expect(poison?.json<EventEnvelope>().data.seq).toBe(2);
    const malformed = dead.find((m) => m.string() === 'not an event');
    expect(malformed?.headers?.get(DeadLetterHeaders.deliveries)).toBe('1');
    expect(malformed?.headers?.get(DeadLetterHeaders.error)).toMatch(/^malformed event/);
    expect(malformed?.headers?.get('x-origin')).toBe('test');
  });
});
