// What the bench needs from a test environment, without vitest: a fresh migrated database and
// inventory as a child process. (The @swarmops/testkit entry point loads vitest, so the bench takes
// its Docker helpers from the testkit sources directly.)
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createPool, migrate } from '@swarmops/db';

export { ensureTestImage } from '../../packages/testkit/src/image-busybox.js';
export { removeLabeled, TEST_LABEL } from '../../packages/testkit/src/docker-cleanup.js';
export { uniqueName } from '../../packages/testkit/src/docker-names.js';

/** A database `bench_<random>` next to `DATABASE_URL`'s, migrated; `drop()` removes it. */
export async function freshDatabase(): Promise<{ url: string; pool: pg.Pool; drop(): Promise<void> }> {
  const admin = process.env.DATABASE_URL;
  if (!admin) throw new Error('DATABASE_URL not set: run . .swarmops/env (after ./swarmops up)');
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const sql = async (text: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await sql(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  await migrate({ url: url.toString() });
  const pool = createPool({ url: url.toString(), applicationName: 'bench-inventory' });
  return {
    url: url.toString(),
    pool,
    async drop() {
      await pool.end();
      await sql(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Starts `apps/inventory/dist/main.js` on `port` and resolves once `/readyz` answers 200. */
export async function startInventoryProcess(databaseUrl: string, port: number): Promise<ChildProcess> {
  const main = fileURLToPath(new URL('../../apps/inventory/dist/main.js', import.meta.url));
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HTTP_PORT: String(port),
      INVENTORY_RESYNC_SECONDS: '3600',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`inventory exited with ${child.exitCode}; built it?`);
    const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    if (res?.status === 200) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error('inventory not ready within 60 s');
}

/** SIGTERM and wait for the exit. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
