import { AppError, ErrorCode, MetricsRpc, type DeploymentSummary } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import type { DeploymentSource } from '../ports.js';
import { fakeProm, type FakeCluster } from './__fixtures__/fake-prom.js';
import { createAnalyzer } from './analyzer.js';

const NOW = new Date('2026-11-28T02:00:00Z');
const T = NOW.getTime() / 1000;
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const DEPLOYMENT_ID = '0b9a3c8e-6d0f-4d3a-9a59-8d2a4f1c2e11';

// The burner idles until v2 of its stack is deployed 150 s before now, then uses one core.
const cluster: FakeCluster = {
  services: [
    {
      service: 'demo_burner',
      stack: 'demo',
      cpu: (t) => (t >= T - 140 ? 1 : 0.001),
      memory: () => 2 * MiB,
      desired: 1,
      running: 1,
    },
    { service: 'demo_idle', stack: 'demo', cpu: () => 0.002, memory: () => 4 * MiB, desired: 1, running: 1 },
    {
      service: 'demo_holder',
      stack: 'demo',
      cpu: () => 0.001,
      memory: () => 200 * MiB,
      desired: 1,
      running: 1,
    },
    // Memory steps up from a noisy 50 MiB to 300 MiB in the last quarter of the window: an anomaly.
    {
      service: 'spiky_cache',
      stack: 'spiky',
      cpu: () => 0.001,
      memory: (t) => (t >= T - 60 ? 300 * MiB : 50 * MiB + (t % 7) * 0.1 * MiB),
      desired: 1,
      running: 1,
    },
    {
      service: 'other_crashy',
      stack: 'other',
      id: 'k3v9x0m2q8w7e6r5t4y3u2i1o',
      cpu: () => 0.01,
      memory: (t) => 10 * MiB + (t % 10),
      desired: 2,
      running: 1,
      restarts: 5,
      failed: 3,
      cpuLimit: 0.5,
      memoryLimit: 64 * MiB,
    },
  ],
  nodes: [
    // 1 GiB free now, losing 1 GiB every 5 minutes: full in about 5 minutes.
    {
      node: 'n1',
      cores: 2,
      memoryBytes: 8 * GiB,
      diskSize: 100 * GiB,
      diskAvail: (t) => GiB + ((T - t) / 300) * GiB,
    },
  ],
};

const deployment: DeploymentSummary = {
  id: DEPLOYMENT_ID,
  stack: 'demo',
  kind: 'deploy',
  version: 2,
  strategy: null,
  status: 'succeeded',
  requestedBy: null,
  startedAt: new Date((T - 150) * 1000).toISOString(),
  finishedAt: new Date((T - 140) * 1000).toISOString(),
  error: null,
  recovery: null,
  services: [],
};

const source = (list: DeploymentSummary[]): DeploymentSource & { asked: unknown[] } => {
  const asked: unknown[] = [];
  return {
    asked,
    since(since, filter) {
      asked.push({ since: since.toISOString(), ...filter });
      return Promise.resolve(list);
    },
  };
};

const request = (input: Record<string, unknown>) => MetricsRpc.analyze.request.parse(input);

describe('createAnalyzer.analyze', () => {
  it('ranks the CPU burner first among CPU consumers, with its PromQL and numbers', async () => {
    const analyzer = createAnalyzer({ prom: fakeProm(cluster), deployments: source([]), now: () => NOW });
    const { window, insights } = await analyzer.analyze(request({ focus: 'cpu', window: '5m' }));
    expect(window).toBe('5m');
    const top = insights.filter((i) => i.kind === 'top-consumer');
    expect(top[0]!.subject).toBe('service demo_burner');
    expect(top[0]!.evidence.values['rank']).toBe(1);
    expect(top[0]!.evidence.promql).toEqual([
      'sum by (service, stack) (rate(swarm_service_cpu_seconds_total[60s]))',
    ]);
    expect(top[0]!.evidence.values['meanCores']).toBeGreaterThan(0.4);
    expect(insights.every((i) => i.kind !== 'errors')).toBe(true);
  });

  it('ranks the memory holder first among memory consumers', async () => {
    const analyzer = createAnalyzer({ prom: fakeProm(cluster), deployments: source([]), now: () => NOW });
    const { insights } = await analyzer.analyze(request({ focus: 'memory', window: '5m' }));
    const top = insights.filter((i) => i.kind === 'top-consumer');
    expect(top.map((i) => i.subject).slice(0, 2)).toEqual(['service demo_holder', 'service spiky_cache']);
    expect(top[0]!.evidence.values['meanBytes']).toBe(200 * MiB);
  });

  it('ranks nodes as consumers when there is more than one', async () => {
    const two: FakeCluster = {
      ...cluster,
      nodes: [...cluster.nodes, { node: 'n2', cores: 2, memoryBytes: 8 * GiB }],
    };
    const analyzer = createAnalyzer({ prom: fakeProm(two), deployments: source([]), now: () => NOW });
    const { insights } = await analyzer.analyze(request({ window: '5m', limit: 200 }));
    const nodes = insights.filter((i) => i.kind === 'top-consumer' && i.subject.startsWith('node '));
    expect(nodes.map((i) => i.subject).sort()).toEqual(['node n1', 'node n1', 'node n2', 'node n2']);
    const single = await createAnalyzer({
      prom: fakeProm(cluster),
      deployments: source([]),
      now: () => NOW,
    }).analyze(request({ window: '5m', limit: 200 }));
    expect(single.insights.some((i) => i.kind === 'top-consumer' && i.subject.startsWith('node '))).toBe(
      false,
    );
  });

  it('correlates the CPU jump with the deployment that caused it', async () => {
    const deployments = source([deployment]);
    const analyzer = createAnalyzer({ prom: fakeProm(cluster), deployments, now: () => NOW });
    const { insights } = await analyzer.analyze(request({ window: '5m' }));
    const correlation = insights.find((i) => i.kind === 'correlation');
    expect(correlation).toMatchObject({ subject: 'service demo_burner', severity: 'high' });
    expect(correlation!.evidence.deploymentId).toBe(DEPLOYMENT_ID);
    expect(correlation!.summary).toContain(DEPLOYMENT_ID);
    expect(correlation!.summary).toContain('stack demo version 2');
    expect(insights.filter((i) => i.kind === 'correlation')).toHaveLength(1);
    expect(deployments.asked).toEqual([{ since: new Date((T - 300) * 1000).toISOString() }]);
  });

  it('reports restarts and missing replicas under focus errors', async () => {
    const analyzer = createAnalyzer({ prom: fakeProm(cluster), deployments: source([]), now: () => NOW });
    const { insights } = await analyzer.analyze(request({ focus: 'errors', window: '5m' }));
    expect(insights).toHaveLength(1);
    expect(insights[0]).toMatchObject({
      kind: 'errors',
      severity: 'medium',
      subject: 'service other_crashy',
    });
    expect(insights[0]!.evidence.values).toMatchObject({
      restartsInWindow: 5,
      failedTasks: 3,
      runningReplicas: 1,
    });
  });

  it('predicts the disk running out and puts it first under focus capacity', async () => {
    const analyzer = createAnalyzer({ prom: fakeProm(cluster), deployments: source([]), now: () => NOW });
    const { insights } = await analyzer.analyze(request({ focus: 'capacity', window: '5m' }));
    expect(insights[0]).toMatchObject({ kind: 'capacity', severity: 'critical', subject: 'node n1' });
    expect(insights[0]!.evidence.values['hoursUntilFull']).toBeCloseTo(300 / 3600, 3);
  });

  it('orders by severity and applies the limit', async () => {
    const analyzer = createAnalyzer({
      prom: fakeProm(cluster),
      deployments: source([deployment]),
      now: () => NOW,
    });
    const all = (await analyzer.analyze(request({ window: '5m' }))).insights;
    const order = ['critical', 'high', 'medium', 'low', 'info'];
    const ranks = all.map((i) => order.indexOf(i.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const limited = (await analyzer.analyze(request({ window: '5m', limit: 3 }))).insights;
    expect(limited).toEqual(all.slice(0, 3));
  });

  it('filters every service query by the caller stacks and leaves node findings out', async () => {
    const prom = fakeProm(cluster);
    const analyzer = createAnalyzer({ prom, deployments: source([]), now: () => NOW });
    const { insights } = await analyzer.analyze(request({ window: '5m', stacks: ['other'] }));
    expect(insights.length).toBeGreaterThan(0);
    expect(insights.every((i) => i.subject === 'service other_crashy')).toBe(true);
    // Only the cluster's capacity (cores and memory per node) is read unscoped.
    const unscoped = prom.calls.filter((c) => !c.promql.includes('stack=~"other"')).map((c) => c.promql);
    expect(unscoped).toEqual([
      'max by (node) (swarm_node_cpu_cores)',
      'max by (node) (swarm_node_memory_bytes)',
    ]);
  });

  it('resolves a service by id and filters by its name', async () => {
    const prom = fakeProm(cluster);
    const analyzer = createAnalyzer({ prom, deployments: source([]), now: () => NOW });
    const { insights } = await analyzer.analyze(
      request({ window: '5m', service: 'k3v9x0m2q8w7e6r5t4y3u2i1o' }),
    );
    expect(insights.every((i) => i.subject === 'service other_crashy')).toBe(true);
    const unfiltered = prom.calls.slice(1).filter((c) => !c.promql.includes('service="other_crashy"'));
    expect(unfiltered.map((c) => c.promql)).toEqual([
      'max by (node) (swarm_node_cpu_cores)',
      'max by (node) (swarm_node_memory_bytes)',
    ]);
  });

  it('answers NOT_FOUND naming a service Prometheus has no series for', async () => {
    const analyzer = createAnalyzer({ prom: fakeProm(cluster), deployments: source([]), now: () => NOW });
    const error = await analyzer.analyze(request({ service: 'nope_api' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: ErrorCode.NOT_FOUND,
      message: 'no metrics for service nope_api in Prometheus; is it running and is the exporter scraped?',
    });
  });

  it('answers NOT_FOUND for a service outside the caller stacks', async () => {
    const analyzer = createAnalyzer({ prom: fakeProm(cluster), deployments: source([]), now: () => NOW });
    await expect(
      analyzer.analyze(request({ service: 'demo_burner', stacks: ['other'] })),
    ).rejects.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });
  });

  it('escapes label values in the PromQL', async () => {
    const prom = fakeProm(cluster);
    const analyzer = createAnalyzer({ prom, deployments: source([]), now: () => NOW });
    await analyzer.analyze(request({ service: 'a"b\\c' })).catch(() => undefined);
    expect(prom.calls[0]!.promql).toContain('service="a\\"b\\\\c"');
  });

  it('passes Prometheus errors through', async () => {
    const down = new AppError(
      ErrorCode.UNAVAILABLE,
      'Prometheus at http://x is unreachable: refused; check PROMETHEUS_URL',
    );
    const analyzer = createAnalyzer({
      prom: fakeProm(cluster, down),
      deployments: source([]),
      now: () => NOW,
    });
    await expect(analyzer.analyze(request({}))).rejects.toBe(down);
  });

  it('skips correlations when the deployer history cannot be read', async () => {
    const seen: unknown[] = [];
    const analyzer = createAnalyzer({
      prom: fakeProm(cluster),
      deployments: { since: () => Promise.reject(new Error('deployer down')) },
      now: () => NOW,
      onDeploymentsUnavailable: (e) => seen.push(e),
    });
    const { insights } = await analyzer.analyze(request({ window: '5m' }));
    expect(insights.length).toBeGreaterThan(0);
    expect(insights.some((i) => i.kind === 'correlation')).toBe(false);
    expect(seen).toHaveLength(1);
  });

  it('returns insights that satisfy the contract', async () => {
    const analyzer = createAnalyzer({
      prom: fakeProm(cluster),
      deployments: source([deployment]),
      now: () => NOW,
    });
    const data = await analyzer.analyze(request({ window: '5m', limit: 200 }));
    expect(MetricsRpc.analyze.data.parse(data)).toEqual(data);
    expect(new Set(data.insights.map((i) => i.kind))).toEqual(
      new Set(['top-consumer', 'right-sizing', 'correlation', 'errors', 'capacity', 'anomaly']),
    );
  });
});

describe('createAnalyzer.serviceUsage', () => {
  it('summarises one service with limits, sizes, insights and its PromQL', async () => {
    const analyzer = createAnalyzer({ prom: fakeProm(cluster), deployments: source([]), now: () => NOW });
    const usage = await analyzer.serviceUsage(
      MetricsRpc.serviceUsage.request.parse({ service: 'other_crashy', window: '5m' }),
    );
    expect(MetricsRpc.serviceUsage.data.parse(usage)).toEqual(usage);
    expect(usage).toMatchObject({
      service: 'other_crashy',
      stack: 'other',
      replicas: { desired: 2, running: 1 },
      cpu: { current: 0.01, p95: 0.01, limitCores: 0.5 },
      memory: { limitBytes: 64 * MiB },
      restarts: 5,
      recommended: { cpuReservationCores: 0.05, cpuLimitCores: 0.05, memoryReservationBytes: 16 * MiB },
    });
    expect(usage.insights.map((i) => i.kind)).toContain('errors');
    expect(usage.promql.filter((q) => !q.includes('other_crashy'))).toEqual([
      'max by (node) (swarm_node_cpu_cores)',
      'max by (node) (swarm_node_memory_bytes)',
    ]);
  });

  it('answers NOT_FOUND for an unknown service', async () => {
    const analyzer = createAnalyzer({ prom: fakeProm(cluster), deployments: source([]), now: () => NOW });
    await expect(
      analyzer.serviceUsage(MetricsRpc.serviceUsage.request.parse({ service: 'ghost' })),
    ).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
  });
});
