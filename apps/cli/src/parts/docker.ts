import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { logFile, pidFile } from '../context.js';
import { liveOwnedPid, readPidFile, removePidFile, startDetached } from '../adapters/processes.js';
import { waitUntil } from '../adapters/probes.js';
import { run } from '../adapters/run.js';
import { which } from '../adapters/which.js';
import { parseDockerInfo } from '../domain/probe-parsers.js';
import type { DockerFacts } from '../domain/probe-parsers.js';
import type { PartStatus } from '../domain/status-table.js';
import { say, step } from '../output.js';

const LOCAL_SOCKET = 'unix:///var/run/docker.sock';
const START_TIMEOUT_MS = 60_000;

function dockerCli(): string {
  const cli = which('docker');
  if (cli === undefined) throw new CliError('the docker CLI is not installed (apt-get install docker.io)');
  return cli;
}

/** `docker info` through the CLI; undefined when the engine does not answer. */
export async function dockerFacts(ctx: Context): Promise<DockerFacts | undefined> {
  const result = await run(dockerCli(), ['info', '--format', '{{json .}}'], {
    env: { ...process.env, DOCKER_HOST: ctx.dockerHost },
    timeoutMs: 10_000,
  });
  if (result.code !== 0) return undefined;
  try {
    return parseDockerInfo(result.stdout);
  } catch {
    return undefined;
  }
}

function swarmHelp(ctx: Context): string {
  return (
    `the Docker engine at ${ctx.dockerHost} is not in swarm mode. Swarmops only initialises a swarm on an ` +
    `engine it started itself. To use this engine, either run\n` +
    `    DOCKER_HOST=${ctx.dockerHost} docker swarm init --advertise-addr 127.0.0.1\n` +
    `or let swarmops do it: ./swarmops up --init-swarm`
  );
}

async function startEngine(ctx: Context): Promise<void> {
  if (ctx.dockerHost !== LOCAL_SOCKET) {
    throw new CliError(
      `DOCKER_HOST=${ctx.dockerHost} does not answer. Swarmops only starts a local engine on ${LOCAL_SOCKET}; ` +
        `unset DOCKER_HOST or start that engine.`,
    );
  }
  const dockerd = which('dockerd');
  if (dockerd === undefined) throw new CliError('dockerd is not installed (apt-get install docker.io)');
  const log = logFile(ctx, 'dockerd');
  const pids = pidFile(ctx, 'dockerd');
  const pid = startDetached({
    cmd: dockerd,
    args: ['--host', LOCAL_SOCKET],
    logFile: log,
    pidFile: pids,
    match: 'dockerd',
  });
  step(`started dockerd (pid ${pid}), waiting for it to answer`);
  const ready = await waitUntil(async () => (await dockerFacts(ctx)) !== undefined, {
    timeoutMs: START_TIMEOUT_MS,
    intervalMs: 500,
    abort: () => (liveOwnedPid(pids) === undefined ? 'dockerd exited' : undefined),
  });
  if (!ready.ok) throw new CliError(`dockerd did not come up: ${ready.reason}`, { logFile: log });
}

/**
 * Makes sure a Docker engine in swarm mode answers at DOCKER_HOST. Starts dockerd when none
 * answers; initialises a one-node swarm only on an engine it started or when `initSwarm` is set.
 */
export async function ensureDocker(ctx: Context, options: { initSwarm: boolean }): Promise<DockerFacts> {
  const pids = pidFile(ctx, 'dockerd');
  const ours = liveOwnedPid(pids) !== undefined;
  if (!ours && readPidFile(pids)) removePidFile(pids);
  let facts = await dockerFacts(ctx);
  if (facts === undefined && ours) {
    const ready = await waitUntil(async () => (await dockerFacts(ctx)) !== undefined, {
      timeoutMs: START_TIMEOUT_MS,
    });
    if (!ready.ok)
      throw new CliError(`our dockerd runs but does not answer: ${ready.reason}`, {
        logFile: logFile(ctx, 'dockerd'),
      });
    facts = await dockerFacts(ctx);
  }
  const startedHere = facts === undefined;
  if (facts === undefined) {
    await startEngine(ctx);
    facts = await dockerFacts(ctx);
  } else {
    say(
      `    docker: reusing the engine at ${ctx.dockerHost} (${facts.version}${ours ? ', started by swarmops' : ''})`,
    );
  }
  if (facts === undefined)
    throw new CliError('dockerd answered once then stopped', { logFile: logFile(ctx, 'dockerd') });
  if (facts.swarm === 'active') return facts;
  if (facts.swarm !== 'inactive') {
    throw new CliError(
      `the Docker engine's swarm state is "${facts.swarm}"; fix it with docker swarm commands first`,
    );
  }
  if (!(startedHere || ours || options.initSwarm)) throw new CliError(swarmHelp(ctx));
  step('docker swarm init --advertise-addr 127.0.0.1');
  const init = await run(dockerCli(), ['swarm', 'init', '--advertise-addr', '127.0.0.1'], {
    env: { ...process.env, DOCKER_HOST: ctx.dockerHost },
    timeoutMs: 60_000,
  });
  if (init.code !== 0)
    throw new CliError(`docker swarm init failed: ${init.stderr.trim() || init.stdout.trim()}`);
  facts = await dockerFacts(ctx);
  if (facts?.swarm !== 'active')
    throw new CliError('docker swarm init ran but the engine is still not in swarm mode');
  return facts;
}

export async function dockerStatus(ctx: Context): Promise<PartStatus> {
  const facts = await dockerFacts(ctx).catch(() => undefined);
  const ours = liveOwnedPid(pidFile(ctx, 'dockerd'));
  const owner = ours === undefined ? '' : `, pid ${ours}`;
  if (facts === undefined)
    return { name: 'docker', ready: false, address: ctx.dockerHost, detail: `not answering${owner}` };
  const swarm =
    facts.swarm === 'active'
      ? `swarm active, ${facts.role}, ${facts.managers} manager(s), ${facts.nodes} node(s)`
      : `swarm ${facts.swarm}`;
  return {
    name: 'docker',
    ready: facts.swarm === 'active',
    address: ctx.dockerHost,
    detail: `engine ${facts.version}, ${swarm}${owner}`,
  };
}
