import type { DeploymentSummary, ServiceUsage } from '@swarmops/contracts';
import { buildCorrelations } from '../domain/insights/correlation.js';
import { rankInsights } from '../domain/insights/ranked.js';
import { recommendSizes } from '../domain/insights/right-sizing.js';
import { quantile } from '../domain/math/stats.js';
import type { Points } from '../domain/math/trend.js';
import type { PromClient } from '../ports.js';
import { correlationSpan, serviceInsights } from './build-insights.js';
import { gatherCluster, type ServiceData } from './gather.js';
import { analysisQueries } from './promql.js';
import type { ResolvedService } from './resolve-service.js';
import type { AnalysisWindow } from './window.js';

/** At most this many insights in a service's usage. */
export const SERVICE_USAGE_INSIGHTS = 20;

interface Stat {
  readonly current: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
}

function stat(points: Points): Stat {
  const xs = points.map(([, v]) => v).filter((v) => Number.isFinite(v));
  return {
    current: xs.at(-1) ?? null,
    p50: quantile(xs, 0.5),
    p95: quantile(xs, 0.95),
    max: xs.length === 0 ? null : Math.max(...xs),
  };
}

const EMPTY = (service: string, stack: string): ServiceData => ({
  service,
  stack,
  cpu: [],
  memory: [],
  cpuLimit: null,
  cpuReservation: null,
  memoryLimit: null,
  memoryReservation: null,
  desired: null,
  running: null,
  restarts: null,
  failedTasks: null,
  networkReceive: null,
  networkTransmit: null,
});

/** One service's usage over the window, its limits, p95-based sizes and the insights about it. */
export async function serviceUsage(
  prom: PromClient,
  w: AnalysisWindow,
  resolved: ResolvedService,
  history: (stack: string) => Promise<DeploymentSummary[]>,
): Promise<ServiceUsage> {
  const queries = analysisQueries(
    { service: resolved.service, stack: resolved.stack },
    w.window,
    w.rateRange,
  );
  const [data, deployments] = await Promise.all([
    gatherCluster(prom, w, queries, { nodes: false }),
    resolved.stack === '' ? Promise.resolve([]) : history(resolved.stack),
  ]);
  const s =
    data.services.find((x) => x.service === resolved.service) ?? EMPTY(resolved.service, resolved.stack);
  const tasks = Math.max(1, s.running ?? 1);
  const perTask = (points: Points): number[] =>
    points.map(([, v]) => v / tasks).filter((v) => Number.isFinite(v));
  const rec = recommendSizes(perTask(s.cpu), perTask(s.memory));
  const span = correlationSpan(w.seconds);
  const insights = [
    ...serviceInsights(data, s, data.capacity),
    ...deployments.flatMap((deployment) =>
      buildCorrelations({
        deployment,
        spanSeconds: span,
        series: [
          {
            service: s.service,
            stack: s.stack,
            resource: 'cpu',
            points: s.cpu,
            promql: queries.cpuByService,
          },
          {
            service: s.service,
            stack: s.stack,
            resource: 'memory',
            points: s.memory,
            promql: queries.memoryByService,
          },
        ],
      }),
    ),
  ];
  return {
    service: resolved.service,
    stack: resolved.stack === '' ? null : resolved.stack,
    window: w.window,
    replicas: { desired: s.desired, running: s.running },
    cpu: { ...stat(s.cpu), limitCores: s.cpuLimit, reservationCores: s.cpuReservation },
    memory: { ...stat(s.memory), limitBytes: s.memoryLimit, reservationBytes: s.memoryReservation },
    network: { receiveBytesPerSecond: s.networkReceive, transmitBytesPerSecond: s.networkTransmit },
    restarts: s.restarts === null ? null : Math.round(s.restarts),
    recommended:
      rec === null
        ? null
        : {
            cpuReservationCores: rec.cpu.reservation,
            cpuLimitCores: rec.cpu.limit,
            memoryReservationBytes: rec.memory.reservation,
            memoryLimitBytes: rec.memory.limit,
          },
    insights: rankInsights(insights, { focus: 'all', limit: SERVICE_USAGE_INSIGHTS }),
    promql: [resolved.promql, ...data.ran],
  };
}
