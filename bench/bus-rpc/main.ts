// bench/bus-rpc: request/reply round trip between two processes, packages/bus vs raw nats.js.
// Run: pnpm --filter @swarmops/bench bus-rpc   (needs nats-server at NATS_URL, default nats://127.0.0.1:4222)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { request } from '@swarmops/bus';
import { echoContract } from './contract.js';
import { quantile } from './stats.js';

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const N = Number(process.env.BENCH_N ?? 5000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);
const BLOCK = 500;
const prefix = `bench.rpc.${randomBytes(4).toString('hex')}`;
const contract = echoContract(`${prefix}.bus`);
const payload = { name: 'bench', n: 42 };

const responder = spawn(
  process.execPath,
  ['--import', 'tsx', fileURLToPath(new URL('responder.ts', import.meta.url))],
  {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, NATS_URL: url, BENCH_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
await new Promise<void>((resolve, reject) => {
  responder.once('exit', (code) =>
    reject(new Error(`responder exited (${code}); is nats-server running at ${url}?`)),
  );
  responder.stdout.once('data', () => resolve());
});

let nc: NatsConnection;
try {
  nc = await connect({ servers: url, name: 'bench-requester' });
} catch (err) {
  responder.kill('SIGKILL');
  throw new Error(`NATS not reachable at ${url}: start nats-server (or ./swarmops up)`, { cause: err });
}

const rawBody = JSON.stringify(payload);
const busOnce = () => request(nc, contract, payload, { timeoutMs: 5000 });
const rawOnce = async () => {
  const reply = await nc.request(`${prefix}.raw`, rawBody, { timeout: 5000 });
  JSON.parse(reply.string());
};

async function timed(fn: () => Promise<unknown>, count: number, into: number[]): Promise<void> {
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    into.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
}

await timed(busOnce, WARMUP, []);
await timed(rawOnce, WARMUP, []);
const bus: number[] = [];
const raw: number[] = [];
// Alternate blocks so drift (GC, CPU frequency, other load) hits both sides alike.
for (let done = 0; done < N; done += BLOCK) {
  const n = Math.min(BLOCK, N - done);
  await timed(rawOnce, n, raw);
  await timed(busOnce, n, bus);
}

await nc.close();
responder.kill('SIGTERM');

const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
const row = (name: string, s: number[]) =>
  `${name.padEnd(52)} p50 ${fmt(quantile(s, 0.5)).padStart(8)}   p99 ${fmt(quantile(s, 0.99)).padStart(8)}`;
const lines = [
  `bus-rpc: ${N} sequential request/reply round trips per side, two processes, nats-server ${url}`,
  row('packages/bus request -> serve (validated both ends)', bus),
  row('baseline: raw nats.js nc.request -> subscribe', raw),
  `overhead ratio vs raw nats.js: p50 ${(quantile(bus, 0.5) / quantile(raw, 0.5)).toFixed(2)}x, p99 ${(
    quantile(bus, 0.99) / quantile(raw, 0.99)
  ).toFixed(2)}x`,
];
process.stdout.write(`${lines.join('\n')}\n`);
