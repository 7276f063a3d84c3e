import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { logFile, pidFile } from '../context.js';
import { liveOwnedPid, readPidFile, removePidFile, startDetached, stopOwned } from '../adapters/processes.js';
import { tcpOpen, waitUntil } from '../adapters/probes.js';
import { run } from '../adapters/run.js';
import { which } from '../adapters/which.js';
import { renderPrometheusConfig } from '../domain/prometheus-config.js';
import type { ScrapeTarget } from '../domain/prometheus-config.js';
import { describePrometheus, parsePrometheusFacts } from '../domain/prometheus-status.js';
import type { PartStatus } from '../domain/status-table.js';
import { say, step } from '../output.js';

const NAME = 'prometheus';
const SCRAPE_INTERVAL_SECONDS = 15;
const RETENTION = '15d';
const READY_TIMEOUT_MS = 60_000;

export function prometheusUrl(ctx: Context): string {
  return `http://127.0.0.1:${ctx.prometheusPort}`;
}

/** The alert rules in the repo; Prometheus reads them in place, so a reload picks up edits. */
export function prometheusRuleFiles(ctx: Context): string[] {
  return [path.join(ctx.root, 'infra', 'prometheus', 'rules', 'swarmops.rules.yml')];
}

export function prometheusConfigFile(ctx: Context): string {
  return path.join(ctx.prometheusDir, 'prometheus.yml');
}

async function call(ctx: Context, urlPath: string, method: 'GET' | 'POST' = 'GET'): Promise<Response> {
  return fetch(`${prometheusUrl(ctx)}${urlPath}`, { method, signal: AbortSignal.timeout(5_000) });
}

async function isReady(ctx: Context): Promise<boolean> {
  try {
    return (await call(ctx, '/-/ready')).status === 200;
  } catch {
    return false;
  }
}

/** Renders prometheus.yml for `targets` and checks it with promtool when promtool is installed. */
async function writeConfig(ctx: Context, targets: readonly ScrapeTarget[]): Promise<string> {
  mkdirSync(ctx.prometheusDir, { recursive: true });
  const file = prometheusConfigFile(ctx);
  const text = renderPrometheusConfig({
    scrapeIntervalSeconds: SCRAPE_INTERVAL_SECONDS,
    targets,
    ruleFiles: prometheusRuleFiles(ctx),
  });
  writeFileSync(file, text);
  const promtool = which('promtool');
  if (promtool !== undefined) {
    const check = await run(promtool, ['check', 'config', file], { timeoutMs: 30_000 });
    if (check.code !== 0) {
      throw new CliError(`promtool rejects ${file}: ${(check.stdout + check.stderr).trim()}`);
    }
  }
  return file;
}

async function waitReady(ctx: Context, pids: string): Promise<void> {
  const ready = await waitUntil(() => isReady(ctx), {
    timeoutMs: READY_TIMEOUT_MS,
    abort: () => (liveOwnedPid(pids) === undefined ? 'prometheus exited' : undefined),
  });
  if (!ready.ok) {
    throw new CliError(`Prometheus is not ready at ${prometheusUrl(ctx)}/-/ready: ${ready.reason}`, {
      logFile: logFile(ctx, NAME),
    });
  }
}

async function reload(ctx: Context): Promise<void> {
  const answer = await call(ctx, '/-/reload', 'POST');
  if (answer.status !== 200) {
    throw new CliError(`Prometheus refused the new configuration: ${(await answer.text()).trim()}`, {
      logFile: logFile(ctx, NAME),
    });
  }
}

/**
 * Writes .swarmops/prometheus/prometheus.yml scraping `targets` every 15 s with the swarmops alert
 * rules, then reuses our running Prometheus (reloading its configuration) or starts one on
 * 127.0.0.1:<prometheusPort> with its TSDB in .swarmops/prometheus/data. Returns its URL.
 */
export async function ensurePrometheus(ctx: Context, targets: readonly ScrapeTarget[]): Promise<string> {
  const pids = pidFile(ctx, NAME);
  const config = await writeConfig(ctx, targets);
  const ours = liveOwnedPid(pids);
  if (ours !== undefined) {
    await waitReady(ctx, pids);
    await reload(ctx);
    say(`    prometheus: reusing pid ${ours} on ${prometheusUrl(ctx)}, configuration reloaded`);
    return prometheusUrl(ctx);
  }
  removePidFile(pids);
  if (await tcpOpen('127.0.0.1', ctx.prometheusPort)) {
    throw new CliError(
      `port ${ctx.prometheusPort} is taken by a process swarmops did not start; ` +
        'stop it or set SWARMOPS_PROMETHEUS_PORT to a free port',
    );
  }
  const binary = which('prometheus');
  if (binary === undefined) throw new CliError('prometheus is not installed (apt-get install prometheus)');
  const dataDir = path.join(ctx.prometheusDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const pid = startDetached({
    cmd: binary,
    args: [
      `--config.file=${config}`,
      `--storage.tsdb.path=${dataDir}`,
      `--storage.tsdb.retention.time=${RETENTION}`,
      `--web.listen-address=127.0.0.1:${ctx.prometheusPort}`,
      '--web.enable-lifecycle',
    ],
    logFile: logFile(ctx, NAME),
    pidFile: pids,
    match: dataDir,
  });
  step(`started prometheus (pid ${pid}) on ${prometheusUrl(ctx)}, ${targets.length} scrape targets`);
  await waitReady(ctx, pids);
  return prometheusUrl(ctx);
}

/** Stops our Prometheus (SIGTERM lets it close the TSDB cleanly). Returns what happened, for `down`. */
export async function stopPrometheus(ctx: Context): Promise<string> {
  const file = pidFile(ctx, NAME);
  const record = readPidFile(file);
  if (record === undefined || liveOwnedPid(file) === undefined) {
    removePidFile(file);
    return 'prometheus: not running';
  }
  const outcome = await stopOwned(record, 30_000);
  removePidFile(file);
  return `prometheus: ${outcome === 'killed' ? 'killed after the grace period' : 'stopped'} (pid ${record.pid})`;
}

export async function prometheusStatus(ctx: Context): Promise<PartStatus> {
  const ours = liveOwnedPid(pidFile(ctx, NAME));
  const owner = ours === undefined ? 'not started by swarmops' : `pid ${ours}`;
  const row = { name: NAME, address: prometheusUrl(ctx) };
  try {
    if (!(await isReady(ctx))) {
      const why = (await tcpOpen('127.0.0.1', ctx.prometheusPort)) ? 'not ready' : 'not reachable';
      return { ...row, ready: false, detail: `${why}, ${owner}` };
    }
    const [buildInfo, targets] = await Promise.all([
      call(ctx, '/api/v1/status/buildinfo').then((r) => r.json()),
      call(ctx, '/api/v1/targets?state=active').then((r) => r.json()),
    ]);
    return {
      ...row,
      ready: true,
      detail: `${describePrometheus(parsePrometheusFacts(buildInfo, targets))}, ${owner}`,
    };
  } catch (err) {
    return { ...row, ready: false, detail: `${err instanceof Error ? err.message : String(err)}, ${owner}` };
  }
}
