import { mkdirSync } from 'node:fs';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { logFile, pidFile } from '../context.js';
import { liveOwnedPid, removePidFile, startDetached } from '../adapters/processes.js';
import { tcpFirstLine, waitUntil } from '../adapters/probes.js';
import { which } from '../adapters/which.js';
import { parseNatsInfoLine } from '../domain/probe-parsers.js';
import type { NatsFacts } from '../domain/probe-parsers.js';
import type { PartStatus } from '../domain/status-table.js';
import { say, step } from '../output.js';

export function natsUrl(ctx: Context): string {
  return `nats://127.0.0.1:${ctx.natsPort}`;
}

async function natsFacts(ctx: Context): Promise<NatsFacts | undefined> {
  try {
    return parseNatsInfoLine(await tcpFirstLine('127.0.0.1', ctx.natsPort, 2_000));
  } catch {
    return undefined;
  }
}

/** Reuses whatever NATS answers on the port (it must have JetStream), else starts nats-server -js. */
export async function ensureNats(ctx: Context): Promise<void> {
  const pids = pidFile(ctx, 'nats');
  const ours = liveOwnedPid(pids);
  if (ours === undefined) removePidFile(pids);
  const facts = ours === undefined ? await natsFacts(ctx) : await waitForNats(ctx, pids);
  if (facts !== undefined) {
    if (!facts.jetstream) {
      throw new CliError(
        `the NATS server on 127.0.0.1:${ctx.natsPort} runs without JetStream; restart it with -js`,
      );
    }
    const owner = ours === undefined ? 'not started by swarmops' : `started by swarmops, pid ${ours}`;
    say(`    nats: reusing nats-server ${facts.version} on ${natsUrl(ctx)} (${owner})`);
    return;
  }
  const server = which('nats-server');
  if (server === undefined) throw new CliError('nats-server is not installed (apt-get install nats-server)');
  mkdirSync(ctx.natsDir, { recursive: true });
  const args = [
    '-js',
    '-sd',
    ctx.natsDir,
    '-a',
    '127.0.0.1',
    '-p',
    String(ctx.natsPort),
    '-m',
    String(ctx.natsMonitorPort),
  ];
  const pid = startDetached({
    cmd: server,
    args,
    logFile: logFile(ctx, 'nats'),
    pidFile: pids,
    match: ctx.natsDir,
  });
  step(`started nats-server (pid ${pid}) on ${natsUrl(ctx)}, JetStream in .swarmops/nats`);
  if ((await waitForNats(ctx, pids))?.jetstream !== true) {
    throw new CliError(`nats-server did not answer with JetStream on port ${ctx.natsPort}`, {
      logFile: logFile(ctx, 'nats'),
    });
  }
}

async function waitForNats(ctx: Context, pids: string): Promise<NatsFacts | undefined> {
  await waitUntil(async () => (await natsFacts(ctx)) !== undefined, {
    timeoutMs: 20_000,
    abort: () => (liveOwnedPid(pids) === undefined ? 'nats-server exited' : undefined),
  });
  return natsFacts(ctx);
}

export async function natsStatus(ctx: Context): Promise<PartStatus> {
  const facts = await natsFacts(ctx);
  const ours = liveOwnedPid(pidFile(ctx, 'nats'));
  const owner = ours === undefined ? '' : `, pid ${ours}`;
  if (facts === undefined)
    return { name: 'nats', ready: false, address: natsUrl(ctx), detail: `not reachable${owner}` };
  return {
    name: 'nats',
    ready: facts.jetstream,
    address: natsUrl(ctx),
    detail: `nats-server ${facts.version}, JetStream ${facts.jetstream ? 'enabled' : 'DISABLED'}${owner}`,
  };
}
