// What the deploy bench needs around the measured calls: the deployer as a child process, the
// 10-service compose file, task polling and a stack removal that waits until the networks are gone.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type Docker from 'dockerode';

/**
 * Starts `apps/deployer/dist/main.js` (or `BENCH_DEPLOYER`, another build) against `natsUrl` and `databaseUrl`;
 * resolves once `/readyz` answers 200.
 */
export async function startDeployerProcess(
  natsUrl: string,
  databaseUrl: string,
  port: number,
): Promise<ChildProcess> {
  const main =
    process.env.BENCH_DEPLOYER ?? fileURLToPath(new URL('../../apps/deployer/dist/main.js', import.meta.url));
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      NATS_URL: natsUrl,
      DATABASE_URL: databaseUrl,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`deployer exited with ${child.exitCode}; built it?`);
    const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    if (res?.status === 200) return child;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error('deployer not ready within 60 s');
}

/** SIGTERM and wait for the exit. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * `services` busybox services, one replica each, with a 1 s healthcheck (`true`) and `init` so a stop
 * is quick. The same text goes to `docker stack deploy` and to the deployer.
 */
export function benchCompose(image: string, services: number): string {
  const lines = ['services:'];
  for (let i = 0; i < services; i += 1) {
    lines.push(
      `  s${i}:`,
      `    image: ${image}`,
      '    command: ["sleep", "3600"]',
      '    init: true',
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '      interval: 1s',
      '      timeout: 10s', // an exec can take seconds on a busy machine; that is no failure
      '      retries: 3',
      '    deploy:',
      '      replicas: 1',
    );
  }
  return `${lines.join('\n')}\n`;
}

const namespace = (stack: string) => JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] });

/** Resolves with the milliseconds since `t0` at which `count` tasks of `stack` were first seen running. */
export async function untilTasksRunning(
  docker: Docker,
  stack: string,
  count: number,
  t0: number,
  signal: AbortSignal,
): Promise<number | undefined> {
  while (!signal.aborted) {
    const services = await docker.listServices({ filters: namespace(stack) });
    if (services.length > 0) {
      const tasks = (await docker.listTasks({
        filters: JSON.stringify({ service: services.map((s) => s.ID), 'desired-state': ['running'] }),
      })) as { Status?: { State?: string } }[];
      if (tasks.filter((t) => t.Status?.State === 'running').length >= count) return performance.now() - t0;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

/** Removes every object of `stack` and waits until its networks are gone (~14 s after the services). */
export async function removeStackAndWait(docker: Docker, stack: string, maxMs = 90_000): Promise<void> {
  const filters = namespace(stack);
  const ignore404 = (err: unknown) => {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
  };
  const services = await docker.listServices({ filters });
  await Promise.all(services.map((s) => docker.getService(s.ID).remove().catch(ignore404)));
  const configs = await docker.listConfigs({ filters });
  await Promise.all(configs.map((c) => docker.getConfig(c.ID).remove().catch(ignore404)));
  const secrets = await docker.listSecrets({ filters });
  await Promise.all(secrets.map((s) => docker.getSecret(s.ID).remove().catch(ignore404)));
  const deadline = Date.now() + maxMs;
  for (;;) {
    const networks = await docker.listNetworks({ filters });
    if (networks.length === 0) return;
    await Promise.allSettled(networks.map((n) => docker.getNetwork(n.Id).remove()));
    if (Date.now() > deadline) throw new Error(`networks of ${stack} still there after ${maxMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
