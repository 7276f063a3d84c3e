import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import { createHttpApp } from './http-app.js';
import { createMetrics } from './metrics.js';

const NATS_SERVER_CANDIDATES = [
  '/usr/sbin/nats-server',
  '/usr/bin/nats-server',
  '/usr/local/bin/nats-server',
];

function natsServerBinary(): string {
  const found = NATS_SERVER_CANDIDATES.find((path) => existsSync(path));
  if (found === undefined) throw new Error('nats-server not found: run ./swarmops test');
  return found;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A disposable nats-server on loopback; `stop()` kills it like a crash. */
function startNatsServer(port: number) {
  const child: ChildProcess = spawn(natsServerBinary(), ['-a', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function connectWithRetry(url: string, attempts = 50): Promise<NatsConnection> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect({ servers: url, reconnectTimeWait: 100, maxReconnectAttempts: -1 });
    } catch (err) {
      if (attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Ask `/readyz` up to `attempts` times until it answers `status`; returns the last response. */
async function pollReadyz(app: ReturnType<typeof createHttpApp>, status: number, attempts = 100) {
  let last = await app.request('/readyz');
  for (let attempt = 1; last.status !== status && attempt < attempts; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await app.request('/readyz');
  }
  return {
    status: last.status,
    body: (await last.json()) as { status: string; checks: Record<string, string> },
  };
}

describe('/readyz against a real nats-server', () => {
  it('answers 200 while NATS is up, 503 once it is down, and 200 again after it returns', async () => {
    const port = await freePort();
    const url = `nats://127.0.0.1:${port}`;
    let server = startNatsServer(port);
    let nc: NatsConnection | undefined;
    try {
      nc = await connectWithRetry(url).catch((err: unknown) => {
        throw new Error(`nats-server on ${url} did not come up: ${server.output()}`, { cause: err });
      });
      const conn = nc;
      const app = createHttpApp({
        service: 'inventory',
        registry: createMetrics({ service: 'inventory' }),
        checks: { nats: () => conn.rtt().then(() => undefined) },
        checkTimeoutMs: 500,
      });

      const up = await pollReadyz(app, 200);
      expect(up).toEqual({ status: 200, body: { status: 'ready', checks: { nats: 'ok' } } });

      await server.stop();
      const down = await pollReadyz(app, 503);
      expect(down.status).toBe(503);
      expect(down.body.status).toBe('not-ready');
      expect(down.body.checks.nats).toMatch(/^down: /);

      server = startNatsServer(port);
      const back = await pollReadyz(app, 200);
      expect(back).toEqual({ status: 200, body: { status: 'ready', checks: { nats: 'ok' } } });
    } finally {
      await nc?.close();
      await server.stop();
    }
  });
});
