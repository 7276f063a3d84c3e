// What the bench needs from a test environment, without vitest: testkit's vitest-free fixtures and
// inventory as a child process.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export { ensureTestImage, pgFixture, removeLabeled, TEST_LABEL, uniqueName } from '@swarmops/testkit/harness';

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
