import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDatabase } from '@swarmops/db';
import { natsFixture, pgFixture } from '@swarmops/testkit';
import type { NatsFixture, PgFixture } from '@swarmops/testkit';
import { ensureStream, eventsStreamConfig } from '../jetstream/ensure-stream.js';
import { testEvent } from '../testing/test-events.fixture.js';
import { enqueueOutbox } from './enqueue.js';
import { startOutboxRelay } from './relay.js';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('outbox', () => {
  let db: PgFixture;
  let nats: NatsFixture;
  let stream: string;
  let prefix: string;

  beforeEach(async () => {
    db = await pgFixture();
    nats = await natsFixture('bus-outbox-test');
    stream = nats.uniqueStream('outbox');
    prefix = nats.uniqueSubject('outbox');
    await ensureStream(nats.jsm, eventsStreamConfig({ name: stream, subjects: [`${prefix}.>`] }));
  });

  afterEach(async () => {
    await nats.cleanup();
    await db.cleanup();
  });

  const count = async (q: string) => Number((await db.pool.query<{ n: string }>(q)).rows[0]?.n);
  const subjectFor = () => `${prefix}.evt`;

  it('writes events only when the state change commits', async () => {
    const orm = createDatabase(db.pool);
    await orm.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await enqueueOutbox(tx, [testEvent(1), testEvent(2)], { subjectFor });
    });
    await expect(
      orm.transaction(async (tx) => {
        await enqueueOutbox(tx, [testEvent(3)], { subjectFor });
        throw new Error('state change failed');
      }),
    ).rejects.toThrow('state change failed');
    expect(await count('SELECT count(*) AS n FROM outbox')).toBe(2);
    await expect(
      enqueueOutbox(db.pool, [{ ...testEvent(4), type: 'Bad Type' }], { subjectFor }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
  });

  it('publishes each row once with Nats-Msg-Id = row id and marks it sent after the ack, with relays racing', async () => {
    const client = await db.pool.connect();
    const events = Array.from({ length: 300 }, (_, i) => testEvent(i));
    try {
      await client.query('BEGIN');
      await enqueueOutbox(client, events, { subjectFor });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const relays = [1, 2, 3].map(() =>
      startOutboxRelay({ pool: db.pool, js: nats.js, batchSize: 7, idleDelayMs: 50 }),
    );
    try {
      await waitFor(
        async () => (await count('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL')) === 0,
      );
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
    }
    expect(relays.reduce((n, r) => n + r.sent, 0)).toBe(300);
    expect(relays.filter((r) => r.sent > 0).length).toBeGreaterThan(1);
    expect(await count('SELECT count(*) AS n FROM outbox WHERE attempts <> 1')).toBe(0);
    const info = await nats.jsm.streams.info(stream);
    expect(info.state.messages).toBe(300);
    const last = await nats.jsm.streams.getMessage(stream, { last_by_subj: `${prefix}.evt` });
    expect(last?.header.get('Nats-Msg-Id')).toBe(last?.json<{ id: string }>().id);
  });

  it('wakes on NOTIFY instead of waiting out the idle delay', async () => {
    const relay = startOutboxRelay({ pool: db.pool, js: nats.js, idleDelayMs: 60_000 });
    try {
      await new Promise((r) => setTimeout(r, 300));
      await enqueueOutbox(db.pool, [testEvent(1)], { subjectFor });
      await waitFor(
        async () => (await count('SELECT count(*) AS n FROM outbox WHERE sent_at IS NOT NULL')) === 1,
        10_000,
      );
    } finally {
      await relay.stop();
    }
  });
});
