import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findRepoRoot, freePort } from '@swarmops/testkit';
import { tcpOpen, waitUntil } from '../adapters/probes.js';
import { liveOwnedPid } from '../adapters/processes.js';
import { CliError } from '../cli-error.js';
import { createContext, pidFile } from '../context.js';
import type { Context } from '../context.js';
import {
  ensurePrometheus,
  prometheusConfigFile,
  prometheusStatus,
  prometheusUrl,
  stopPrometheus,
} from './prometheus.js';

// The part against the real /usr/bin/prometheus, on a free port with its state in a temp folder:
// never the platform's own Prometheus.
interface MetricsServer {
  readonly address: string;
  close(): Promise<void>;
}

async function serveMetrics(body: string): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === '/metrics' ? 200 : 404, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(req.url === '/metrics' ? body : 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function testContext(stateDir: string): Promise<Context> {
  const base = createContext({ SWARMOPS_ROOT: findRepoRoot() });
  const ctx: Context = {
    ...base,
    stateDir,
    pidsDir: path.join(stateDir, 'pids'),
    logsDir: path.join(stateDir, 'logs'),
    prometheusDir: path.join(stateDir, 'prometheus'),
    prometheusPort: await freePort(),
  };
  for (const dir of [ctx.pidsDir, ctx.logsDir]) mkdirSync(dir, { recursive: true });
  return ctx;
}

const QueryAnswer = (body: unknown): { metric: Record<string, string>; value: [number, string] }[] =>
  (body as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }).data.result;

async function instant(ctx: Context, promql: string): Promise<ReturnType<typeof QueryAnswer>> {
  const url = `${prometheusUrl(ctx)}/api/v1/query?query=${encodeURIComponent(promql)}`;
  return QueryAnswer(await (await fetch(url)).json());
}

async function activeJobs(ctx: Context): Promise<string[]> {
  const body = (await (await fetch(`${prometheusUrl(ctx)}/api/v1/targets?state=active`)).json()) as {
    data: { activeTargets: { labels: Record<string, string> }[] };
  };
  return body.data.activeTargets.map((t) => t.labels.job ?? '').sort();
}

describe('the prometheus part', () => {
  let stateDir: string;
  let ctx: Context;
  const servers: MetricsServer[] = [];

  beforeEach(async () => {
    stateDir = mkdtempSync(path.join(tmpdir(), 'swarmops-prom-'));
    ctx = await testContext(stateDir);
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await stopPrometheus(ctx);
    for (const s of servers.splice(0)) await s.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('starts Prometheus, scrapes the targets, then reuses it and reloads a new target list', async () => {
    const first = await serveMetrics('# TYPE demo_value gauge\ndemo_value{kind="first"} 7\n');
    const second = await serveMetrics('# TYPE demo_value gauge\ndemo_value{kind="second"} 11\n');
    servers.push(first, second);

    const url = await ensurePrometheus(ctx, [{ job: 'first', address: first.address }]);
    expect(url).toBe(`http://127.0.0.1:${ctx.prometheusPort}`);
    const pid = liveOwnedPid(pidFile(ctx, 'prometheus'));
    expect(pid).toBeDefined();
    const config = readFileSync(prometheusConfigFile(ctx), 'utf8');
    expect(config).toContain(`"${first.address}"`);
    expect(config).toContain('swarmops.rules.yml');

    // The rules are loaded and the target is scraped (the first scrape comes within an interval).
    const rules = (await (await fetch(`${url}/api/v1/rules`)).json()) as {
      data: { groups: { rules: { name: string }[] }[] };
    };
    const names = rules.data.groups.flatMap((g) => g.rules.map((r) => r.name));
    expect(names).toContain('SwarmNodeDown');
    const scraped = await waitUntil(async () => (await instant(ctx, 'up{job="first"} == 1')).length === 1, {
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    expect(scraped.ok).toBe(true);
    expect((await instant(ctx, 'demo_value'))[0]?.value[1]).toBe('7');

    await ensurePrometheus(ctx, [
      { job: 'first', address: first.address },
      { job: 'second', address: second.address },
    ]);
    expect(liveOwnedPid(pidFile(ctx, 'prometheus'))).toBe(pid);
    // The reload took effect (the loaded config), and the scrape manager picks the target up.
    const loaded = (await (await fetch(`${url}/api/v1/status/config`)).json()) as { data: { yaml: string } };
    expect(loaded.data.yaml).toContain(second.address);
    const listed = await waitUntil(async () => (await activeJobs(ctx)).join() === 'first,second', {
      timeoutMs: 60_000,
      intervalMs: 500,
    });
    expect(listed.ok, (await activeJobs(ctx)).join()).toBe(true);

    const status = await prometheusStatus(ctx);
    expect(status.ready, status.detail).toBe(true);
    expect(status.detail).toMatch(new RegExp(`^prometheus \\d+\\.\\d+\\.\\d+.*, pid ${pid ?? 0}$`));

    expect(await stopPrometheus(ctx)).toBe(`prometheus: stopped (pid ${pid ?? 0})`);
    expect(await tcpOpen('127.0.0.1', ctx.prometheusPort)).toBe(false);
    const down = await prometheusStatus(ctx);
    expect(down).toMatchObject({ ready: false, detail: 'not reachable, not started by swarmops' });
  });

  it('refuses a port another process holds, naming SWARMOPS_PROMETHEUS_PORT', async () => {
    const squatter = await serveMetrics('');
    servers.push(squatter);
    const taken: Context = { ...ctx, prometheusPort: Number(squatter.address.split(':')[1]) };
    const attempt = ensurePrometheus(taken, []);
    await expect(attempt).rejects.toBeInstanceOf(CliError);
    await expect(attempt).rejects.toThrow(/SWARMOPS_PROMETHEUS_PORT/);
  });

  it('reports a configuration Prometheus cannot load before starting anything', async () => {
    const attempt = ensurePrometheus(ctx, [{ job: 'bad job', address: '127.0.0.1:1' }]);
    await expect(attempt).rejects.toThrow(/invalid scrape job name/);
    expect(await tcpOpen('127.0.0.1', ctx.prometheusPort)).toBe(false);
  });
});
