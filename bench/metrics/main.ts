// bench/metrics: the exporter's scrape (GET /metrics of a real metrics-analyst) with 100 extra services, cold
// (a collection: one node/service/task list + one stats call per running container) and cached, against the
// docker CLI showing the same (`docker node ls`, `docker service ls`, `docker stats --no-stream`); then
// `analyze_metrics` (MetricsRpc.analyze over NATS) p50/p99 against a private Prometheus holding that data,
// against the same PromQL requests the analysis sent, replayed straight to Prometheus. Same run, alternating.
// Run: . .swarmops/env && pnpm --filter @swarmops/metrics-analyst build && pnpm --filter @swarmops/bench metrics
import { loadavg } from 'node:os';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { request } from '@swarmops/bus';
import { MetricsRpc } from '@swarmops/contracts';
import { createDockerClient } from '@swarmops/docker';
import { startPrometheus } from '@swarmops/testkit/harness';
import type { PrivatePrometheus } from '@swarmops/testkit/harness';
import { ensureTestImage, removeLabeled, startApp, startPrivateNats, uniqueName } from '../health/harness.js';
import type { BenchProcess } from '../health/harness.js';
import { quantile } from '../inventory/stats.js';
import { cliBaseline } from './baseline.js';
import { createMetricsCluster, waitForRunning } from './cluster.js';
import { replay, startRecordingProxy } from './recording-proxy.js';
import { waitForSamples } from './samples.js';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 100);
const STACKS = Number(process.env.BENCH_STACKS ?? 4);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CACHED_PER_RUN = 5;
// The product's default: a collection is reused for this long from its start, so a collection that takes
// longer than this makes every scrape a cold one.
const CACHE_MS = Number(process.env.BENCH_CACHE_MS ?? 15_000);
// METRICS_STATS_CONCURRENCY of the analyst (its default, 8, when unset).
const STATS_CONCURRENCY = process.env.BENCH_STATS_CONCURRENCY;
const ANALYZE_N = Number(process.env.BENCH_ANALYZE_N ?? 40);
const DATA_SAMPLES = Number(process.env.BENCH_DATA_SAMPLES ?? 30);
const WINDOW = process.env.BENCH_WINDOW ?? '5m';
const log = (line: string) => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const docker = createDockerClient({ timeoutMs: 60_000 });
const image = await ensureTestImage(docker);
const scope = uniqueName('bench-metrics');
const nats = await startPrivateNats();
const proxy = await startRecordingProxy();
let analyst: BenchProcess | undefined;
let prometheus: PrivatePrometheus | undefined;
let nc: NatsConnection | undefined;

try {
  const t0 = performance.now();
  const running = await createMetricsCluster(docker, { image, scope, services: SERVICES, stacks: STACKS });
  await waitForRunning(docker, scope, running);
  log(
    `created ${SERVICES} services (${running} at 1 replica, the rest at 0) in ${Math.round(performance.now() - t0)} ms; ` +
      `${(await docker.listServices()).length} services, ${(await docker.listContainers()).length} running containers on the engine`,
  );
  analyst = await startApp({
    app: 'metrics-analyst',
    env: {
      NATS_URL: nats.url,
      PROMETHEUS_URL: proxy.url,
      METRICS_CACHE_MS: String(CACHE_MS),
      ...(STATS_CONCURRENCY === undefined ? {} : { METRICS_STATS_CONCURRENCY: STATS_CONCURRENCY }),
    },
  });
  const metricsUrl = `http://127.0.0.1:${analyst.port}/metrics`;
  const scrape = async () => {
    const res = await fetch(metricsUrl);
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}: ${text.slice(0, 500)}`);
    return text;
  };

  // Scrape: each run waits for the cache to expire, then one cold GET and CACHED_PER_RUN cached ones.
  const first = await scrape();
  const ours = first
    .split('\n')
    .filter((l) => l.startsWith('swarm_service_replicas_desired{') && l.includes(scope));
  if (ours.length !== SERVICES)
    throw new Error(`expected ${SERVICES} bench services in /metrics, got ${ours.length}`);
  await cliBaseline();
  log(
    `exporter: ${first.split('\n').length} lines per scrape; cache ${CACHE_MS} ms; stats concurrency ` +
      `${STATS_CONCURRENCY ?? 'default'}; load average ${load()}`,
  );
  const cold: number[] = [];
  const cached: number[] = [];
  const cli: number[] = [];
  const collect: number[] = [];
  let statsLines = 0;
  const timed = async (into: number[], work: () => Promise<unknown>) => {
    const started = performance.now();
    const out = await work();
    into.push(performance.now() - started);
    return out;
  };
  for (let r = 0; r < RUNS; r += 1) {
    const exporterSide = async () => {
      await sleep(CACHE_MS + 250);
      const text = (await timed(cold, scrape)) as string;
      for (let k = 0; k < CACHED_PER_RUN; k += 1) await timed(cached, scrape);
      collect.push(collectSeconds(text) * 1000);
    };
    const cliSide = async () => (statsLines = (await timed(cli, cliBaseline)) as number);
    if (r % 2 === 0) await exporterSide().then(cliSide);
    else await cliSide().then(exporterSide);
    log(
      `run ${r + 1}: cold ${ms(cold.at(-1))} (collect ${ms(collect.at(-1))})  cached ${ms(cached.at(-1))}  docker CLI ${ms(cli.at(-1))}`,
    );
  }

  // analyze_metrics against a Prometheus that scraped the exporter (every 2 s) for DATA_SAMPLES scrapes.
  prometheus = await startPrometheus({
    scrapeIntervalSeconds: 2,
    targets: [{ job: 'metrics-analyst', address: `127.0.0.1:${analyst.port}` }],
  });
  proxy.pointAt(prometheus.port);
  await prometheus.waitForTarget('metrics-analyst', 120_000);
  await waitForSamples(prometheus.url, 'metrics-analyst', DATA_SAMPLES);
  const client = await connect({ servers: nats.url, name: 'bench-metrics' });
  nc = client;
  let insights = 0;
  const analyze = async () => {
    const data = await request(client, MetricsRpc.analyze, { window: WINDOW }, { timeoutMs: 120_000 });
    insights = data.insights.length;
  };
  for (let k = 0; k < 3; k += 1) await analyze();
  proxy.take();
  await analyze();
  const concurrency = proxy.maxInFlight();
  const queries = proxy.take();
  const ranges = queries.filter((q) => q.path.startsWith('/api/v1/query_range')).length;
  log(
    `analyze_metrics { window: ${WINDOW} }: ${insights} insights from ${queries.length} Prometheus requests ` +
      `(${ranges} range), at most ${concurrency} at once; load average ${load()}`,
  );
  await replay(prometheus.url, queries, concurrency);
  const viaNats: number[] = [];
  const raw: number[] = [];
  for (let block = 0; block < ANALYZE_N; block += 10) {
    const n = Math.min(10, ANALYZE_N - block);
    const sides = [
      async () => {
        for (let k = 0; k < n; k += 1) await timed(viaNats, analyze);
      },
      async () => {
        for (let k = 0; k < n; k += 1) await timed(raw, () => replay(prometheus!.url, queries, concurrency));
      },
    ];
    if ((block / 10) % 2 === 1) sides.reverse();
    for (const side of sides) await side();
  }
  log(`load average after: ${load()}`);

  log('');
  const line = (what: string, xs: number[]) =>
    `${what.padEnd(62)} p50 ${ms(quantile(xs, 0.5))}  p99 ${ms(quantile(xs, 0.99))}  max ${ms(Math.max(...xs))}  (n=${xs.length})`;
  log(line(`GET /metrics cold (a collection; ${SERVICES} bench services):`, cold));
  log(line('  of which the exporter measured (collect_duration_seconds):', collect));
  log(line('GET /metrics cached (within METRICS_CACHE_MS):', cached));
  log(line(`baseline: docker node ls + service ls + stats --no-stream (${statsLines}):`, cli));
  log(line(`analyze_metrics over NATS (MetricsRpc.analyze, window ${WINDOW}):`, viaNats));
  log(line(`baseline: its ${queries.length} PromQL requests straight to Prometheus:`, raw));
  const ratio = (a: number[], b: number[]) =>
    `p50 ${(quantile(a, 0.5) / quantile(b, 0.5)).toFixed(3)}  p99 ${(quantile(a, 0.99) / quantile(b, 0.99)).toFixed(3)}`;
  log(`ratio scrape cold / docker CLI baseline:   ${ratio(cold, cli)}`);
  log(`ratio scrape cached / docker CLI baseline: ${ratio(cached, cli)}`);
  log(`ratio analyze / raw PromQL baseline:       ${ratio(viaNats, raw)}`);
} catch (err) {
  if (analyst !== undefined) log(`--- metrics-analyst log tail ---\n${analyst.output().slice(-4000)}`);
  if (prometheus !== undefined) log(`--- prometheus log tail ---\n${prometheus.output().slice(-2000)}`);
  throw err;
} finally {
  await nc?.drain();
  await prometheus?.stop();
  await analyst?.stop();
  await proxy.close();
  await removeLabeled(docker, scope, 180_000);
  await nats.stop();
}

/** The exporter's own `swarm_exporter_collect_duration_seconds` (the largest over engines) in a scrape. */
function collectSeconds(text: string): number {
  const values = text
    .split('\n')
    .filter((l) => l.startsWith('swarm_exporter_collect_duration_seconds'))
    .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));
  return values.length === 0 ? Number.NaN : Math.max(...values);
}

function ms(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '    n/a' : `${value.toFixed(0).padStart(6)} ms`;
}
