// bench/mcp: list_nodes through the MCP gateway over Streamable HTTP with 32 concurrent clients, vs the
// same request sent straight on NATS with 32 concurrent requesters. Prints p50/p99 and the overhead.
// Run: pnpm --filter @swarmops/bench mcp   (needs nats-server on PATH, DATABASE_URL, the Docker engine,
// and a built gateway: pnpm --filter @swarmops/mcp-gateway build)
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { connect } from '@nats-io/transport-node';
import { createTokenStore } from '@swarmops/auth';
import { request } from '@swarmops/bus';
import { InventoryRpc } from '@swarmops/contracts';
import { freePort, pgFixture } from '@swarmops/testkit/harness';
import { quantile } from '../bus-rpc/stats.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const PER_CLIENT = Number(process.env.BENCH_PER_CLIENT ?? 100);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
// BENCH_GATEWAY: another build's main.js (e.g. a copy of dist from before a change) to compare.
const GATEWAY =
  process.env.BENCH_GATEWAY ?? fileURLToPath(new URL('../../apps/mcp-gateway/dist/main.js', import.meta.url));
if (!existsSync(GATEWAY))
  throw new Error(`${GATEWAY} missing: run pnpm --filter @swarmops/mcp-gateway build`);

function start(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp | null,
): Promise<ChildProcess> {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    if (ready === null) resolve(child);
    let seen = '';
    const onData = (c: Buffer) => {
      seen += c.toString();
      if (ready?.test(seen)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${cmd} exited ${code}: ${seen.slice(-500)}`)));
  });
}

const children: ChildProcess[] = [];
const db = await pgFixture();
try {
  // A private nats-server: on a shared one a running inventory would answer the same subject.
  const natsPort = await freePort();
  const natsUrl = `nats://127.0.0.1:${natsPort}`;
  const store = await mkdtemp(join(tmpdir(), 'bench-mcp-js-'));
  const natsArgs = ['-js', '-sd', store, '-a', '127.0.0.1', '-p', String(natsPort)];
  children.push(await start('nats-server', natsArgs, {}, /Server is ready/));
  const tsx = ['--import', 'tsx', fileURLToPath(new URL('responder.ts', import.meta.url))];
  children.push(await start(process.execPath, tsx, { NATS_URL: natsUrl }, /^ready \d+/m));
  const port = await freePort();
  const gatewayEnv = {
    NATS_URL: natsUrl,
    DATABASE_URL: db.url,
    MCP_HTTP_PORT: String(port),
    LOG_LEVEL: 'warn',
    MCP_RATE_LIMIT_PER_SECOND: '1000000',
    MCP_RATE_LIMIT_BURST: '1000000',
  };
  // e.g. BENCH_GATEWAY_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the gateway.
  const nodeArgs = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
  children.push(await start(process.execPath, [...nodeArgs, GATEWAY], gatewayEnv, null));
  await waitForHttp(`http://127.0.0.1:${port}/healthz`);
  const token = (await createTokenStore(db.pool).create({ name: 'bench', role: 'viewer' })).token;
  const nc = await connect({ servers: natsUrl, name: 'bench-direct' });

  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = new Client({ name: 'bench', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        }),
      );
      return client;
    }),
  );
  const viaGateway = async (i: number) => {
    const r = await clients[i]!.callTool({ name: 'list_nodes', arguments: {} });
    if (r.isError) throw new Error(JSON.stringify(r.content));
  };
  const callBody = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'list_nodes', arguments: {} },
  });
  const rawHeaders = {
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
    'MCP-Protocol-Version': '2025-11-25',
    Authorization: `Bearer ${token}`,
  };
  // The same call as plain HTTP JSON-RPC, without the SDK client's own cost (schema validation etc.).
  const rawHttp = async () => {
    const r = await fetch(`http://127.0.0.1:${port}/mcp`, {
      method: 'POST',
      headers: rawHeaders,
      body: callBody,
    });
    const text = await r.text();
    if (r.status !== 200 || text.includes('"isError":true'))
      throw new Error(`${r.status} ${text.slice(0, 200)}`);
  };
  const direct = async () => {
    await request(nc, InventoryRpc.nodesList, {}, { timeoutMs: 5000 });
  };
  const run = async (fn: (i: number) => Promise<void>, per: number) => {
    const samples: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        for (let k = 0; k < per; k++) {
          const s = performance.now();
          await fn(i);
          samples.push(performance.now() - s);
        }
      }),
    );
    return { samples, seconds: (performance.now() - t0) / 1000 };
  };
  await run(viaGateway, WARMUP);
  await run(direct, WARMUP);
  await run(rawHttp, WARMUP);
  // Alternate halves so drift hits both sides alike.
  const half = Math.ceil(PER_CLIENT / 2);
  const d1 = await run(direct, half);
  const g1 = await run(viaGateway, half);
  const g2 = await run(viaGateway, PER_CLIENT - half);
  const d2 = await run(direct, PER_CLIENT - half);
  const h1 = await run(rawHttp, PER_CLIENT);
  const gw = [...g1.samples, ...g2.samples];
  const nats = [...d1.samples, ...d2.samples];
  const rate = (n: number, s: number) => `${(n / s).toFixed(0)}/s`;
  const ms = (v: number) => `${v.toFixed(2)} ms`;
  const row = (name: string, s: number[], secs: number) =>
    `${name.padEnd(58)} p50 ${ms(quantile(s, 0.5)).padStart(9)}   p99 ${ms(quantile(s, 0.99)).padStart(9)}   ${rate(s.length, secs)}`;
  const [n50, n99] = [quantile(nats, 0.5), quantile(nats, 0.99)];
  const overhead = (s: number[]) => {
    const [a50, a99] = [quantile(s, 0.5), quantile(s, 0.99)];
    return `p50 +${ms(a50 - n50)} (${(a50 / n50).toFixed(2)}x), p99 +${ms(a99 - n99)} (${(a99 / n99).toFixed(2)}x)`;
  };
  console.log(
    `mcp: list_nodes, ${CLIENTS} concurrent clients x ${PER_CLIENT} calls per side (${gw.length} each)`,
  );
  console.log(row('MCP gateway: official SDK clients, Streamable HTTP', gw, g1.seconds + g2.seconds));
  console.log(row('MCP gateway: raw JSON-RPC POSTs (fetch, no SDK client)', h1.samples, h1.seconds));
  console.log(
    row('baseline: request(nc, InventoryRpc.nodesList, {}) on NATS', nats, d1.seconds + d2.seconds),
  );
  console.log(`gateway overhead, SDK clients: ${overhead(gw)}`);
  console.log(`gateway overhead, raw HTTP:    ${overhead(h1.samples)}`);
  await Promise.all(clients.map((c) => c.close()));
  await nc.close();
} finally {
  for (const c of children.reverse()) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  await db.cleanup();
}

async function waitForHttp(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(url)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}
