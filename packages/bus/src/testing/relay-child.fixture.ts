// A relay in its own process, for the outbox chaos test, which SIGKILLs it at random points.
// Run with: node --import tsx relay-child.fixture.ts   (env: DATABASE_URL, NATS_URL)
import { jetstream } from '@nats-io/jetstream';
import { createPool } from '@swarmops/db';
import { connectBus } from '../connect.js';
import { startOutboxRelay } from '../outbox/relay.js';

const pool = createPool({ url: process.env.DATABASE_URL!, applicationName: 'relay-child', max: 4 });
const nc = await connectBus({ url: process.env.NATS_URL!, name: 'relay-child' });
const relay = startOutboxRelay({
  pool,
  js: jetstream(nc),
  batchSize: Number(process.env.RELAY_BATCH ?? 50),
  idleDelayMs: 100,
  errorDelayMs: 100,
});
process.stdout.write('ready\n');

process.on('SIGTERM', () => {
  void relay
    .stop()
    .then(() => nc.drain())
    .then(() => pool.end())
    .then(() => process.exit(0));
});
