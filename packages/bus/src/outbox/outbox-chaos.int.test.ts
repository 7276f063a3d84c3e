import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { natsFixture, pgFixture } from '@swarmops/testkit';
import type { NatsFixture, PgFixture } from '@swarmops/testkit';
import { consumeDurable } from '../jetstream/consume-durable.js';
import type { DurableConsumer } from '../jetstream/consume-durable.js';
import { ensureStream, eventsStreamConfig } from '../jetstream/ensure-stream.js';
import { applyOnce } from '../inbox/apply-once.js';
import { testEvent } from '../testing/test-events.fixture.js';
import { enqueueOutbox } from './enqueue.js';

const EVENTS = 10_000;
const PER_TX = 50;
const KILLS = 8;
const CHILD = fileURLToPath(new URL('../testing/relay-child.fixture.ts', import.meta.url));
// `--import tsx` resolves from the child's cwd: this package, which has tsx as a devDependency.
const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const randomBetween = (min: number, max: number) => min + Math.floor(Math.random() * (max - min));

function startRelay(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: PACKAGE_DIR,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`relay child exited early (${code})`)));
    child.stdout?.once('data', () => {
      child.removeAllListeners('exit');
      resolve(child);
    });
  });
}

function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

describe('outbox -> JetStream -> inbox under relay crashes', () => {
  let db: PgFixture;
  let nats: NatsFixture;
  let relay: ChildProcess | undefined;
  let consumer: DurableConsumer | undefined;

  beforeAll(async () => {
    db = await pgFixture();
    nats = await natsFixture('bus-chaos-test');
  });

  afterAll(async () => {
    if (relay) await kill(relay, 'SIGKILL');
    await consumer?.stop();
    await nats.cleanup();
    await db.cleanup();
  });

  it('delivers every one of 10,000 events and applies none twice while the relay is SIGKILLed', async () => {
    const started = Date.now();
    const stream = nats.uniqueStream('chaos');
    const prefix = nats.uniqueSubject('chaos');
    await ensureStream(nats.jsm, eventsStreamConfig({ name: stream, subjects: [`${prefix}.>`] }));
    await db.pool.query('CREATE TABLE chaos_state (seq int PRIMARY KEY)');
    // No unique constraint here on purpose: a double apply would show up as a second row.
    await db.pool.query('CREATE TABLE chaos_effects (id bigserial PRIMARY KEY, seq int NOT NULL)');

    const applied = new Uint8Array(EVENTS);
    let noopRedeliveries = 0;
    const crashedOnce = new Set<number>();
    consumer = await consumeDurable({
      js: nats.js,
      stream,
      durable: 'chaos',
      filterSubject: `${prefix}.evt`,
      deadLetterSubject: `${prefix}.dlq`,
      maxDeliver: 20,
      ackWaitMs: 10_000,
      backoffMs: () => 20,
      handler: async (event) => {
        const seq = event.data.seq as number;
        const result = await applyOnce(
          db.pool,
          { consumer: 'chaos', eventId: event.id },
          async ({ client }) => {
            await client.query('INSERT INTO chaos_effects (seq) VALUES ($1)', [seq]);
          },
        );
        if (result.applied) applied[seq] = (applied[seq] ?? 0) + 1;
        else noopRedeliveries += 1;
        // Crash after the effect committed but before the ack, for 1% of events: JetStream redelivers.
        if (seq % 100 === 7 && !crashedOnce.has(seq)) {
          crashedOnce.add(seq);
          throw new Error('consumer crashed before ack');
        }
      },
    });

    const env = { ...process.env, DATABASE_URL: db.url, RELAY_BATCH: '25' };
    relay = await startRelay(env);

    const produce = (async () => {
      for (let base = 0; base < EVENTS; base += PER_TX) {
        const client = await db.pool.connect();
        try {
          await client.query('BEGIN');
          const seqs = Array.from({ length: PER_TX }, (_, i) => base + i);
          await client.query('INSERT INTO chaos_state (seq) SELECT unnest($1::int[])', [seqs]);
          await enqueueOutbox(
            client,
            seqs.map((s) => testEvent(s)),
            { subjectFor: () => `${prefix}.evt` },
          );
          await client.query('COMMIT');
        } finally {
          client.release();
        }
        if (base % 1000 === 0) await sleep(20);
      }
    })();

    let kills = 0;
    let killsWithPending = 0;
    while (kills < KILLS) {
      await sleep(randomBetween(150, 700));
      const pending = Number(
        (await db.pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL')).rows[0]
          ?.n,
      );
      await kill(relay, 'SIGKILL');
      kills += 1;
      if (pending > 0) killsWithPending += 1;
      relay = await startRelay(env);
    }
    await produce;

    const deadline = Date.now() + 90_000;
    const count = async (q: string) => Number((await db.pool.query<{ n: string }>(q)).rows[0]?.n);
    for (;;) {
      const info = await nats.jsm.consumers.info(stream, 'chaos');
      const unsent = await count('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL');
      if (unsent === 0 && info.num_pending === 0 && info.num_ack_pending === 0 && applied.every((a) => a > 0))
        break;
      if (Date.now() > deadline) throw new Error(`not drained: unsent=${unsent} pending=${info.num_pending}`);
      await sleep(100);
    }
    await kill(relay, 'SIGTERM');
    relay = undefined;

    const missing = applied.reduce((n, a) => n + (a === 0 ? 1 : 0), 0);
    const twice = applied.reduce((n, a) => n + (a > 1 ? 1 : 0), 0);
    const appliedTotal = applied.reduce((n, a) => n + a, 0);
    const stored = (await nats.jsm.streams.info(stream, { subjects_filter: `${prefix}.evt` })).state
      .subjects?.[`${prefix}.evt`];
    const report = {
      events: EVENTS,
      kills,
      killsWithPending,
      noopRedeliveries,
      storedInStream: stored,
      seconds: (Date.now() - started) / 1000,
    };
    process.stdout.write(`outbox chaos: ${JSON.stringify(report)}\n`);

    expect(kills).toBe(KILLS);
    expect(missing).toBe(0);
    expect(twice).toBe(0);
    expect(appliedTotal).toBe(EVENTS);
    expect(await count('SELECT count(*) AS n FROM chaos_effects')).toBe(EVENTS);
    expect(await count('SELECT count(DISTINCT seq) AS n FROM chaos_effects')).toBe(EVENTS);
    expect(await count('SELECT count(*) AS n FROM processed_events')).toBe(EVENTS);
    expect(await count('SELECT count(*) AS n FROM chaos_state')).toBe(EVENTS);
    expect(noopRedeliveries).toBeGreaterThanOrEqual(crashedOnce.size);
    expect(stored).toBe(EVENTS);
  }, 180_000);
});
