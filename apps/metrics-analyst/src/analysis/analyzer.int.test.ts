import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricsRpc, type Insight } from '@swarmops/contracts';
import { startPrometheus, type PrivatePrometheus } from '@swarmops/testkit/harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricNames as M } from '../domain/metric-names.js';
import { createPromClient } from '../prometheus/index.js';
import { createAnalyzer } from './analyzer.js';

// A real Prometheus scraping, every second, a /metrics server that speaks the exporter's names: a
// CPU burner (0.9 core), an idle service, a memory holder (200 MiB), a crash-looping service with
// limits, one node with 2 cores. Proves every PromQL the analysis builds runs in Prometheus and that
// the numbers come out ranked.
const MiB = 1024 * 1024;
const started = Date.now();
let restarts = 0;

function exposition(): string {
  const elapsed = (Date.now() - started) / 1000;
  restarts += 1;
  const svc = (service: string, stack: string) => `service="${service}",stack="${stack}"`;
  const stats = (service: string, stack: string) => `${svc(service, stack)},node="n1"`;
  const swarm = (service: string, stack: string) => `${svc(service, stack)},service_id="id_${service}"`;
  const services: Array<[string, string, number, number]> = [
    ['it_burner', 'it', 0.9, 2 * MiB],
    ['it_idle', 'it', 0.002, 3 * MiB],
    ['it_holder', 'it', 0.001, 200 * MiB],
    ['crash_api', 'crash', 0.01, 20 * MiB],
  ];
  return [
    `# TYPE ${M.nodeCpuCores} gauge`,
    `${M.nodeCpuCores}{node="n1",node_id="n1id"} 2`,
    `# TYPE ${M.nodeMemoryBytes} gauge`,
    `${M.nodeMemoryBytes}{node="n1",node_id="n1id"} ${8 * 1024 * MiB}`,
    `# TYPE ${M.nodeFilesystemSizeBytes} gauge`,
    `${M.nodeFilesystemSizeBytes}{node="n1"} ${100 * 1024 * MiB}`,
    `# TYPE ${M.nodeFilesystemAvailBytes} gauge`,
    `${M.nodeFilesystemAvailBytes}{node="n1"} ${50 * 1024 * MiB}`,
    `# TYPE ${M.serviceCpuSeconds} counter`,
    ...services.map(([s, st, cores]) => `${M.serviceCpuSeconds}{${stats(s, st)}} ${cores * elapsed}`),
    `# TYPE ${M.serviceMemoryBytes} gauge`,
    ...services.map(([s, st, , bytes]) => `${M.serviceMemoryBytes}{${stats(s, st)}} ${bytes}`),
    `# TYPE ${M.serviceNetworkReceiveBytes} counter`,
    ...services.map(([s, st]) => `${M.serviceNetworkReceiveBytes}{${stats(s, st)}} ${1000 * elapsed}`),
    `# TYPE ${M.serviceNetworkTransmitBytes} counter`,
    ...services.map(([s, st]) => `${M.serviceNetworkTransmitBytes}{${stats(s, st)}} ${500 * elapsed}`),
    `# TYPE ${M.serviceReplicasDesired} gauge`,
    ...services.map(([s, st]) => `${M.serviceReplicasDesired}{${swarm(s, st)},mode="replicated"} 1`),
    `# TYPE ${M.serviceReplicasRunning} gauge`,
    ...services.map(([s, st]) => `${M.serviceReplicasRunning}{${swarm(s, st)}} ${s === 'crash_api' ? 0 : 1}`),
    `# TYPE ${M.serviceTasks} gauge`,
    `${M.serviceTasks}{${swarm('crash_api', 'crash')},state="failed"} 3`,
    `${M.serviceTasks}{${swarm('crash_api', 'crash')},state="running"} 0`,
    `# TYPE ${M.serviceRestarts} counter`,
    `${M.serviceRestarts}{${swarm('crash_api', 'crash')}} ${restarts}`,
    `# TYPE ${M.serviceCpuLimitCores} gauge`,
    `${M.serviceCpuLimitCores}{${swarm('crash_api', 'crash')}} 0.5`,
    `# TYPE ${M.serviceMemoryLimitBytes} gauge`,
    `${M.serviceMemoryLimitBytes}{${swarm('crash_api', 'crash')}} ${64 * MiB}`,
    '',
  ].join('\n');
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 180_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const topOf = (insights: Insight[], unit: 'meanCores' | 'meanBytes') =>
  insights.filter((i) => i.kind === 'top-consumer' && unit in i.evidence.values).map((i) => i.subject);

describe('createAnalyzer against a real Prometheus', () => {
  const target: Server = createServer((req, res) => {
    res.writeHead(req.url === '/metrics' ? 200 : 404, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(req.url === '/metrics' ? exposition() : 'not found');
  });
  let prom: PrivatePrometheus | undefined;
  let analyzer: ReturnType<typeof createAnalyzer>;
  let client: ReturnType<typeof createPromClient>;

  beforeAll(async () => {
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const port = (target.address() as AddressInfo).port;
    prom = await startPrometheus({
      scrapeIntervalSeconds: 1,
      targets: [{ job: 'exporter', address: `127.0.0.1:${port}` }],
    });
    await prom.waitForTarget('exporter');
    client = createPromClient({ url: prom.url, timeoutMs: 30_000 });
    analyzer = createAnalyzer({
      prom: client,
      deployments: { since: () => Promise.resolve([]) },
      now: () => new Date(),
    });
    // Enough history for rate() over 60 s and both halves of the anomaly split of a 1m window.
    await until('the burner ranked by CPU', async () => {
      const { insights } = await analyzer.analyze(
        MetricsRpc.analyze.request.parse({ focus: 'cpu', window: '1m' }),
      );
      return topOf(insights, 'meanCores').length === 4 ? true : undefined;
    });
  });

  afterAll(async () => {
    await prom?.stop();
    await new Promise((r) => target.close(r));
  });

  it('ranks the burner first by CPU and the holder first by memory', async () => {
    const cpu = await analyzer.analyze(MetricsRpc.analyze.request.parse({ focus: 'cpu', window: '1m' }));
    expect(topOf(cpu.insights, 'meanCores')[0]).toBe('service it_burner');
    const memory = await analyzer.analyze(
      MetricsRpc.analyze.request.parse({ focus: 'memory', window: '1m' }),
    );
    expect(topOf(memory.insights, 'meanBytes')[0]).toBe('service it_holder');
  });

  it('finds the crash loop and the missing replica', async () => {
    const { insights } = await analyzer.analyze(
      MetricsRpc.analyze.request.parse({ focus: 'errors', window: '1m' }),
    );
    expect(insights).toHaveLength(1);
    expect(insights[0]).toMatchObject({ kind: 'errors', severity: 'high', subject: 'service crash_api' });
    expect(insights[0]!.evidence.values['restartsInWindow']).toBeGreaterThan(0);
  });

  it('builds PromQL that query_metrics runs as it is', async () => {
    const all = await analyzer.analyze(MetricsRpc.analyze.request.parse({ window: '1m', limit: 200 }));
    const usage = await analyzer.serviceUsage(
      MetricsRpc.serviceUsage.request.parse({ service: 'id_crash_api', window: '1m' }),
    );
    expect(usage).toMatchObject({
      service: 'crash_api',
      stack: 'crash',
      replicas: { desired: 1, running: 0 },
    });
    expect(usage.memory.limitBytes).toBe(64 * MiB);
    // rate() over the window: below 1000/s while the series is younger than the window.
    expect(usage.network.receiveBytesPerSecond).toBeGreaterThan(0);
    expect(usage.network.receiveBytesPerSecond).toBeLessThan(1100);
    const evidence = new Set(all.insights.flatMap((i) => i.evidence.promql));
    expect(evidence.size).toBeGreaterThan(5);
    const caps = { maxSeries: 100, maxPoints: 10_000 };
    const end = Math.floor(Date.now() / 1000);
    for (const q of new Set([...evidence, ...usage.promql])) {
      // Every query runs; those behind an insight have data (an unset reservation has none).
      const data = await client.query({ promql: q, start: end - 60, end, step: 5 }, caps);
      if (evidence.has(q)) expect(data.series.length, q).toBeGreaterThan(0);
    }
  });

  it('answers NOT_FOUND for a service without series and stays inside the caller stacks', async () => {
    await expect(
      analyzer.analyze(MetricsRpc.analyze.request.parse({ service: 'it_burner', stacks: ['crash'] })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const scoped = await analyzer.analyze(
      MetricsRpc.analyze.request.parse({ window: '1m', stacks: ['crash'] }),
    );
    expect(scoped.insights.length).toBeGreaterThan(0);
    expect(scoped.insights.every((i) => i.subject === 'service crash_api')).toBe(true);
  });
});
