import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { pidFile } from '../context.js';
import { isOwnedAlive, readPidFile, removePidFile, stopOwned } from '../adapters/processes.js';
import { say } from '../output.js';
import { stopPostgres } from './postgres.js';
import { stopPrometheus } from './prometheus.js';
import { discoverServices } from './services.js';
import type { ServiceDef } from '../domain/service-manifest.js';

function safeDiscover(ctx: Context): ServiceDef[] {
  try {
    return discoverServices(ctx);
  } catch {
    return [];
  }
}

const INFRA = ['prometheus', 'postgres', 'nats', 'dockerd'] as const;
const GRACE_MS: Record<string, number> = { dockerd: 30_000, nats: 10_000 };

async function stopByPidFile(ctx: Context, name: string): Promise<void> {
  const file = pidFile(ctx, name);
  const record = readPidFile(file);
  if (record === undefined) {
    removePidFile(file);
    return;
  }
  if (!isOwnedAlive(record.pid, record.match)) {
    say(`    ${name}: not running (pid ${record.pid} is gone or runs something else; left alone)`);
    removePidFile(file);
    return;
  }
  const outcome = await stopOwned(record, GRACE_MS[name] ?? 10_000);
  removePidFile(file);
  say(
    `    ${name}: ${outcome === 'killed' ? 'killed after the grace period' : 'stopped'} (pid ${record.pid})`,
  );
}

/**
 * Stops everything `up` started, by pid, newest first: services, Prometheus, PostgreSQL, NATS, then dockerd
 * (only when swarmops started it: its pid file exists only then). Processes we did not start are never touched.
 */
export async function stopAll(ctx: Context): Promise<void> {
  let files: string[] = [];
  try {
    files = readdirSync(ctx.pidsDir).filter((f) => f.endsWith('.pid'));
  } catch {
    // no pids folder: nothing was started
  }
  const names = files.map((f) => path.basename(f, '.pid'));
  const others = names.filter((n) => !(INFRA as readonly string[]).includes(n));
  // Reverse start order (the gateway first), then pid files of services no longer declared.
  const declared = safeDiscover(ctx)
    .map((s) => s.name)
    .reverse();
  const services = [
    ...declared.filter((n) => others.includes(n)),
    ...others.filter((n) => !declared.includes(n)),
  ];
  for (const name of services) await stopByPidFile(ctx, name);
  say(`    ${await stopPrometheus(ctx)}`);
  say(`    ${await stopPostgres(ctx)}`);
  await stopByPidFile(ctx, 'nats');
  await stopByPidFile(ctx, 'dockerd');
}
