import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { logFile, pidFile } from '../context.js';
import { liveOwnedPid, removePidFile, startDetached } from '../adapters/processes.js';
import { httpGet, tcpOpen, waitUntil } from '../adapters/probes.js';
import { checkServiceConflicts, orderServices, parseServiceManifest } from '../domain/service-manifest.js';
import type { ServiceDef } from '../domain/service-manifest.js';
import type { PartStatus } from '../domain/status-table.js';
import { say, step } from '../output.js';

const READY_TIMEOUT_MS = 60_000;

/** Every app whose package.json declares `swarmops.service`, in start order. */
export function discoverServices(ctx: Context): ServiceDef[] {
  const appsDir = path.join(ctx.root, 'apps');
  const found: ServiceDef[] = [];
  for (const dir of readdirSync(appsDir).sort()) {
    const manifest = path.join(appsDir, dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const def = parseServiceManifest(dir, JSON.parse(readFileSync(manifest, 'utf8')));
    if (def !== undefined) found.push(def);
  }
  checkServiceConflicts(found);
  return orderServices(found);
}

function mainFile(ctx: Context, svc: ServiceDef): string {
  return path.join(ctx.root, 'apps', svc.dir, 'dist', 'main.js');
}

function readyzUrl(svc: ServiceDef): string {
  return `http://127.0.0.1:${svc.httpPort}/readyz`;
}

async function readyz(svc: ServiceDef): Promise<string> {
  try {
    const answer = await httpGet({ url: readyzUrl(svc) }, 2_000);
    return answer.status === 200 ? 'ready' : `/readyz ${answer.status}`;
  } catch (err) {
    return `/readyz: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Starts one service unless our instance already runs, then waits for its /readyz. */
async function ensureService(
  ctx: Context,
  svc: ServiceDef,
  env: Readonly<Record<string, string>>,
): Promise<void> {
  const pids = pidFile(ctx, svc.name);
  const log = logFile(ctx, svc.name);
  const main = mainFile(ctx, svc);
  let pid = liveOwnedPid(pids);
  if (pid === undefined) {
    removePidFile(pids);
    if (!existsSync(main))
      throw new CliError(`${svc.name}: apps/${svc.dir}/dist/main.js is missing (did the build run?)`);
    if (await tcpOpen('127.0.0.1', svc.httpPort)) {
      throw new CliError(`${svc.name}: port ${svc.httpPort} is taken by a process swarmops did not start`);
    }
    pid = startDetached({
      cmd: process.execPath,
      args: [main],
      cwd: ctx.root,
      env: { ...process.env, ...env, HTTP_PORT: String(svc.httpPort), SWARMOPS_SERVICE: svc.name },
      logFile: log,
      pidFile: pids,
      match: main,
    });
    step(`started ${svc.name} (pid ${pid}) on port ${svc.httpPort}`);
  } else {
    say(`    ${svc.name}: reusing pid ${pid}`);
  }
  const ready = await waitUntil(async () => (await readyz(svc)) === 'ready', {
    timeoutMs: READY_TIMEOUT_MS,
    abort: () => (liveOwnedPid(pids) === undefined ? `${svc.name} exited` : undefined),
  });
  if (!ready.ok) {
    throw new CliError(
      `${svc.name} is not ready at ${readyzUrl(svc)}: ${ready.reason} (${await readyz(svc)})`,
      {
        logFile: log,
      },
    );
  }
}

/** Starts every platform service in order, each with the shared connection env. */
export async function ensureServices(
  ctx: Context,
  env: Readonly<Record<string, string>>,
): Promise<ServiceDef[]> {
  const services = discoverServices(ctx);
  if (services.length === 0) say('    services: none declared yet (apps/*/package.json "swarmops.service")');
  for (const svc of services) await ensureService(ctx, svc, env);
  return services;
}

export async function serviceStatus(ctx: Context, svc: ServiceDef): Promise<PartStatus> {
  const pid = liveOwnedPid(pidFile(ctx, svc.name));
  const answer = await readyz(svc);
  const owner = pid === undefined ? 'not started by swarmops' : `pid ${pid}`;
  return {
    name: svc.name,
    ready: answer === 'ready',
    address: `http://127.0.0.1:${svc.httpPort}`,
    detail: `${answer}, ${owner}`,
  };
}
