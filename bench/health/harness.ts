// What bench/health needs without vitest: a private NATS, a fresh database and the built inventory
// and health services as child processes, each ready when its /readyz answers 200.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@swarmops/testkit/harness';

export {
  ensureTestImage,
  freePort,
  pgFixture,
  removeLabeled,
  startPrivateNats,
  TEST_LABEL,
  uniqueName,
} from '@swarmops/testkit/harness';

/** A platform service started by the bench, with the tail of its log for error messages. */
export interface BenchProcess {
  readonly name: string;
  readonly port: number;
  output(): string;
  stop(): Promise<void>;
}

/** Options of {@link startApp}. */
export interface StartAppOptions {
  /** `inventory`, `deployer` or `health`: runs `apps/<app>/dist/main.js`. */
  app: string;
  env: Record<string, string>;
  /** How long to wait for `/readyz` (a loaded 2-core machine needs minutes). Default 180 000. */
  readyMs?: number;
  /** The variable that sets its HTTP port (default `HTTP_PORT`; the gateway's is `MCP_HTTP_PORT`). */
  portVar?: string;
}

/** Spawns `apps/<app>/dist/main.js` on a free loopback port and resolves once `/readyz` answers 200. */
export async function startApp({
  app,
  env,
  readyMs = 180_000,
  portVar = 'HTTP_PORT',
}: StartAppOptions): Promise<BenchProcess> {
  const main = fileURLToPath(new URL(`../../apps/${app}/dist/main.js`, import.meta.url));
  if (!existsSync(main)) throw new Error(`${main} missing: run pnpm --filter @swarmops/${app} build`);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { ...process.env, HTTP_HOST: '127.0.0.1', [portVar]: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (c: Buffer) => (text = (text + c.toString('utf8')).slice(-20_000)));
  child.stderr?.on('data', (c: Buffer) => (text = (text + c.toString('utf8')).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const proc: BenchProcess = {
    name: app,
    port,
    output: () => text,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
  const deadline = Date.now() + readyMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${app} exited with ${child.exitCode}:\n${text.slice(-4000)}`);
    const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    if (res?.status === 200) return proc;
    if (Date.now() > deadline) {
      await proc.stop();
      throw new Error(`${app} not ready within ${readyMs} ms:\n${text.slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls `probe` until it returns a value; throws naming `what` after `maxMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  maxMs = 180_000,
): Promise<T> {
  const deadline = Date.now() + maxMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(`gave up after ${maxMs} ms waiting for ${what}`, { cause: last });
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
