import { readdirSync } from 'node:fs';
import type { Context } from '../context.js';
import { logFile, pidFile } from '../context.js';
import { liveOwnedPid } from '../adapters/processes.js';
import { renderConnectHelp } from '../domain/connect-help.js';
import { allReady, renderStatusTable } from '../domain/status-table.js';
import { say, step, warn } from '../output.js';
import { ensureAdminToken } from '../parts/admin-token.js';
import { ensureServices } from '../parts/services.js';
import { stopAll } from '../parts/stop-all.js';
import { ensureDependencies } from './dependencies.js';
import { collectStatus } from './status.js';

export interface UpOptions {
  readonly detach?: boolean;
  readonly initSwarm?: boolean;
}

/**
 * Waits for Ctrl-C or SIGTERM. Meanwhile it watches the pid files every few seconds and says
 * once when a part that `up` started has exited (the timer also keeps the process alive).
 */
function waitForSignal(ctx: Context): Promise<NodeJS.Signals> {
  const reported = new Set<string>();
  const watch = setInterval(() => {
    for (const name of listPidNames(ctx)) {
      if (reported.has(name) || liveOwnedPid(pidFile(ctx, name)) !== undefined) continue;
      reported.add(name);
      warn(`swarmops up: ${name} has exited; see ${logFile(ctx, name)}`);
    }
  }, 5_000);
  return new Promise((resolve) => {
    const onSignal = (sig: NodeJS.Signals): void => {
      clearInterval(watch);
      resolve(sig);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}

function listPidNames(ctx: Context): string[] {
  try {
    return readdirSync(ctx.pidsDir)
      .filter((f) => f.endsWith('.pid'))
      .map((f) => f.slice(0, -'.pid'.length));
  } catch {
    return [];
  }
}

/**
 * `swarmops up`: dependencies, migrations, every service, then the status table and how to
 * connect. Without --detach it stays in the foreground and stops everything on Ctrl-C.
 */
export async function upCommand(ctx: Context, options: UpOptions): Promise<number> {
  const started = Date.now();
  const env = await ensureDependencies(ctx, { initSwarm: options.initSwarm ?? false });
  await ensureAdminToken(ctx, env.DATABASE_URL);
  step('services');
  const services = await ensureServices(ctx, env);
  const parts = await collectStatus(ctx);
  say('');
  say(renderStatusTable(parts));
  say('');
  say(`Connection settings for your shell: . ${ctx.envFile}`);
  say(
    `Prometheus: ${env.PROMETHEUS_URL} (every service's /metrics every 15 s, alert rules from ` +
      'infra/prometheus/rules; open /alerts there)',
  );
  say(
    renderConnectHelp({
      root: ctx.root,
      adminTokenFile: ctx.adminTokenFile,
      gatewayPresent: services.some((s) => s.name === 'mcp-gateway'),
    }),
  );
  say('');
  const ready = allReady(parts);
  step(
    `up ${ready ? 'and ready' : 'but NOT everything is ready'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (options.detach) return ready ? 0 : 1;
  say('Running in the foreground: Ctrl-C stops everything (or run ./swarmops up --detach).');
  const sig = await waitForSignal(ctx);
  warn(`received ${sig}: stopping`);
  await stopAll(ctx);
  return 0;
}
