import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** The Prometheus binary Debian's `prometheus` package installs. */
export const PROMETHEUS_BIN = '/usr/bin/prometheus';

/** One scrape job: Prometheus scrapes `http://<address><path>` (address `host:port`, path default `/metrics`). */
export interface PrometheusTarget {
  readonly job: string;
  readonly address: string;
  readonly path?: string;
}

export interface PrometheusOptions {
  /** Scrape and rule evaluation interval in whole seconds (default 2). */
  readonly scrapeIntervalSeconds?: number;
  readonly targets: readonly PrometheusTarget[];
  /** Absolute paths of rule files to load. */
  readonly ruleFiles?: readonly string[];
  /** How long Prometheus may take to answer `/-/ready` (default 60 s: the machine is shared). */
  readonly readyTimeoutMs?: number;
  /**
   * The loopback port to listen on (default a free one). Take one from `freePort()` when a scraped service
   * must know Prometheus' URL before Prometheus starts.
   */
  readonly port?: number;
}

/** A Prometheus child process owned by one test. */
export interface PrivatePrometheus {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Everything Prometheus wrote (its log). */
  output(): string;
  /** Stops Prometheus (SIGTERM, SIGKILL after 10 s), waits for its exit and removes its TSDB dir. */
  stop(): Promise<void>;
  /** POST /-/reload (the config file is re-read; rule files too). */
  reload(): Promise<void>;
  /** Resolves once every target of `job` reports health `up` in /api/v1/targets; throws with the log after `timeoutMs`. */
  waitForTarget(job: string, timeoutMs?: number): Promise<void>;
}

/** The Prometheus config for `options` as JSON (valid YAML, so no YAML library is needed). */
export function renderTestPrometheusConfig(options: PrometheusOptions): string {
  const interval = `${options.scrapeIntervalSeconds ?? 2}s`;
  return JSON.stringify(
    {
      global: { scrape_interval: interval, evaluation_interval: interval, scrape_timeout: interval },
      rule_files: [...(options.ruleFiles ?? [])],
      scrape_configs: options.targets.map((t) => ({
        job_name: t.job,
        metrics_path: t.path ?? '/metrics',
        static_configs: [{ targets: [t.address] }],
      })),
    },
    null,
    2,
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function get(url: string, timeoutMs = 2_000): Promise<Response> {
  return fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
}

const targetsSchemaGuard = (
  body: unknown,
): body is { data: { activeTargets: { labels?: Record<string, string>; health?: string }[] } } =>
  typeof body === 'object' &&
  body !== null &&
  'data' in body &&
  typeof body.data === 'object' &&
  body.data !== null &&
  'activeTargets' in body.data &&
  Array.isArray(body.data.activeTargets);

/**
 * Starts a Prometheus of the test's own on a free loopback port (`--web.enable-lifecycle`, TSDB in a temp dir)
 * and waits for `/-/ready`. Fails loudly, with Prometheus's log, when the binary is missing, it exits or it
 * never gets ready; never skips.
 */
export async function startPrometheus(options: PrometheusOptions): Promise<PrivatePrometheus> {
  if (!existsSync(PROMETHEUS_BIN)) {
    throw new Error(
      `${PROMETHEUS_BIN} missing: run ./swarmops test, which installs the \`prometheus\` package (apt-get install prometheus)`,
    );
  }
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'swarmops-test-prometheus-'));
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, renderTestPrometheusConfig(options));
  const child = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout.on('data', (c: Buffer) => (log += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (log += c.toString('utf8')));
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // A test process that dies without stop() must not leave Prometheus running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const running = () => child.exitCode === null && child.signalCode === null && spawnError === undefined;
  const url = `http://127.0.0.1:${port}`;

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      if (running() && child.pid !== undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    })());

  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (!running()) {
      await stop();
      throw new Error(
        `prometheus exited (${spawnError?.message ?? `code ${String(child.exitCode ?? child.signalCode)}`}) before it was ready:\n${log}`,
      );
    }
    try {
      const res = await get(`${url}/-/ready`);
      if (res.status === 200) break;
      await res.body?.cancel();
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus on ${url} not ready after ${readyTimeoutMs} ms:\n${log}`);
    }
    await sleep(100);
  }

  const reload = async () => {
    const res = await fetch(`${url}/-/reload`, { method: 'POST', signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`prometheus reload answered ${res.status}: ${text}\n${log}`);
  };

  const waitForTarget = async (job: string, timeoutMs = 60_000) => {
    const until = Date.now() + timeoutMs;
    let last = 'no answer yet';
    for (;;) {
      try {
        const res = await get(`${url}/api/v1/targets?state=active`);
        const body: unknown = await res.json();
        if (targetsSchemaGuard(body)) {
          const mine = body.data.activeTargets.filter((t) => t.labels?.job === job);
          last = mine.length === 0 ? `no target of job ${job}` : mine.map((t) => t.health).join(',');
          if (mine.length > 0 && mine.every((t) => t.health === 'up')) return;
        }
      } catch (err) {
        last = String(err);
      }
      if (!running()) throw new Error(`prometheus exited while waiting for job ${job}:\n${log}`);
      if (Date.now() > until) {
        throw new Error(`prometheus job ${job} not up after ${timeoutMs} ms (${last}):\n${log}`);
      }
      await sleep(200);
    }
  };

  return { url, port, output: () => log, stop, reload, waitForTarget };
}
