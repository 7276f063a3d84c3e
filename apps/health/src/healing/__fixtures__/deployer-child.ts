import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findRepoRoot, freePort } from '@swarmops/testkit';

/** The real deployer (its built `dist/main.js`) as a child process on a private NATS and database. */
export interface DeployerChild {
  output(): string;
  stop(): Promise<void>;
}

/** Spawns the built deployer and resolves when `/readyz` answers 200 (health never imports the deployer). */
export async function startDeployerChild(natsUrl: string, databaseUrl: string): Promise<DeployerChild> {
  const main = join(findRepoRoot(), 'apps', 'deployer', 'dist', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} missing: run pnpm --filter @swarmops/deployer build`);
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      NATS_URL: natsUrl,
      DATABASE_URL: databaseUrl,
      DOCKER_HOST: process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      DEPLOYER_HEARTBEAT_SECONDS: '1',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`deployer exited before ready:\n${text}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`deployer not ready within 120 s:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    output: () => text,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
