// bench/deploy: the same 10-service compose file deployed with `docker stack deploy --detach=false` and
// with the deployer's stack.deploy (wait: true), alternating, removing the stack between runs.
// Run: . .swarmops/env && pnpm --filter @swarmops/deployer build && pnpm --filter @swarmops/bench run deploy
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { request } from '@swarmops/bus';
import { DeployerRpc } from '@swarmops/contracts';
import { createDockerClient } from '@swarmops/docker';
import {
  ensureTestImage,
  freePort,
  pgFixture,
  startPrivateNats,
  uniqueName,
} from '@swarmops/testkit/harness';
import {
  benchCompose,
  removeStackAndWait,
  startDeployerProcess,
  stopProcess,
  untilTasksRunning,
} from './harness.js';
import { quantile } from '../inventory/stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SERVICES = Number(process.env.BENCH_SERVICES ?? 10);
const DOCKER_CLI = process.env.BENCH_DOCKER_CLI ?? '/usr/local/bin/docker';
const run = promisify(execFile);
const log = (line: string) => process.stdout.write(`${line}\n`);

type Side = 'docker' | 'swarmops';
interface Sample {
  run: number;
  side: Side;
  stack: string;
  /** Wall time of the command / request until it returned (what the user waits for). */
  ms: number;
  /** When all tasks were first seen running by a 100 ms poll of the engine (same poll on both sides). */
  runningMs: number | undefined;
}

const docker = createDockerClient();
const image = await ensureTestImage(docker);
const compose = benchCompose(image, SERVICES);
const dir = mkdtempSync(join(tmpdir(), 'bench-deploy-'));
const file = join(dir, 'compose.yml');
writeFileSync(file, compose);
const nats = await startPrivateNats();
const db = await pgFixture();
const deployer = await startDeployerProcess(nats.url, db.url, await freePort());
const nc = await connect({ servers: nats.url, name: 'bench-deploy' });
const samples: Sample[] = [];
const leftovers = new Set<string>();

async function deploy(side: Side, stack: string): Promise<void> {
  if (side === 'docker') {
    await run(
      DOCKER_CLI,
      ['stack', 'deploy', '--resolve-image', 'never', '--detach=false', '-c', file, stack],
      {
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    return;
  }
  const reply = await request(
    nc,
    DeployerRpc.stackDeploy,
    { name: stack, compose, wait: true, timeoutSeconds: 300 },
    { timeoutMs: 330_000 },
  );
  if (reply.status !== 'succeeded')
    throw new Error(`stack.deploy ${stack}: ${reply.status} ${reply.error ?? ''}`);
}

async function measure(runIndex: number, side: Side): Promise<Sample> {
  const stack = uniqueName(`bench-deploy-${side}`);
  leftovers.add(stack);
  const poll = new AbortController();
  const t0 = performance.now();
  const running = untilTasksRunning(docker, stack, SERVICES, t0, poll.signal);
  await deploy(side, stack);
  const ms = performance.now() - t0;
  const runningMs = await Promise.race([
    running,
    new Promise<undefined>((r) => setTimeout(() => r(undefined), 10_000)),
  ]);
  poll.abort();
  await removeStackAndWait(docker, stack); // not counted: networks go ~14 s after the services
  leftovers.delete(stack);
  return { run: runIndex, side, stack, ms, runningMs };
}

const median = (xs: number[]) => quantile(xs, 0.5);
const secs = (ms: number | undefined) =>
  ms === undefined ? '   n/a' : `${(ms / 1000).toFixed(2).padStart(6)}`;

try {
  log(
    `deploy: ${SERVICES} services (busybox, 1 replica, 1 s healthcheck), ${RUNS} runs per side, alternating`,
  );
  log(
    `docker: ${DOCKER_CLI} stack deploy --resolve-image never --detach=false; swarmops: stack.deploy wait=true`,
  );
  for (let i = 1; i <= RUNS; i += 1) {
    const order: Side[] = i % 2 === 1 ? ['docker', 'swarmops'] : ['swarmops', 'docker'];
    for (const side of order) {
      const s = await measure(i, side);
      samples.push(s);
      log(
        `run ${i} ${side.padEnd(8)} returned after ${secs(s.ms)} s   all tasks running at ${secs(s.runningMs)} s`,
      );
    }
  }
  const of = (side: Side) => samples.filter((s) => s.side === side);
  const dockerMs = median(of('docker').map((s) => s.ms));
  const oursMs = median(of('swarmops').map((s) => s.ms));
  const runningOf = (side: Side) => of(side).flatMap((s) => (s.runningMs === undefined ? [] : [s.runningMs]));
  const dockerRunning = median(runningOf('docker'));
  const oursRunning = median(runningOf('swarmops'));
  log('');
  log(
    `median docker stack deploy --detach=false: ${secs(dockerMs)} s  (tasks running at ${secs(dockerRunning)} s)`,
  );
  log(
    `median swarmops stack.deploy (wait):       ${secs(oursMs)} s  (tasks running at ${secs(oursRunning)} s)`,
  );
  log(`median ratio swarmops / docker (returned):      ${(oursMs / dockerMs).toFixed(3)}  (goal <= 0.8)`);
  log(`median ratio swarmops / docker (tasks running): ${(oursRunning / dockerRunning).toFixed(3)}`);
} finally {
  for (const stack of leftovers) await removeStackAndWait(docker, stack).catch(() => undefined);
  await nc.drain();
  await stopProcess(deployer);
  await db.cleanup();
  await nats.stop();
  rmSync(dir, { recursive: true, force: true });
}
