import type { DeploymentSummary } from '@swarmops/contracts';
import { buildAnomaly } from '../domain/insights/anomaly.js';
import { buildCapacity } from '../domain/insights/capacity.js';
import { buildCorrelations, type ServiceResourceSeries } from '../domain/insights/correlation.js';
import { buildErrors } from '../domain/insights/errors.js';
import { nodeSubject, serviceSubject } from '../domain/insights/format.js';
import type { RankedInsight } from '../domain/insights/ranked.js';
import { buildRightSizing } from '../domain/insights/right-sizing.js';
import { buildNodeSaturation, buildServiceSaturation } from '../domain/insights/saturation.js';
import { buildTopConsumers } from '../domain/insights/top-consumers.js';
import { mean } from '../domain/math/stats.js';
import type { Points } from '../domain/math/trend.js';
import type { ClusterData, NodeData, ServiceData } from './gather.js';

const values = (points: Points): number[] => points.map(([, v]) => v).filter((v) => Number.isFinite(v));

/** Mean of the window's recent quarter: "now", steadier than the last point. */
export function recentMean(points: Points, start: number, end: number): number | null {
  const split = start + 0.75 * (end - start);
  return mean(values(points.filter(([t]) => t >= split)));
}

/** Δ for correlations: a quarter of the window, between 1 and 15 minutes. */
export function correlationSpan(windowSeconds: number): number {
  return Math.min(900, Math.max(60, Math.round(windowSeconds / 4)));
}

/** Every insight the data supports, unranked. Pure: the numbers come from gatherCluster. */
export function buildInsights(data: ClusterData, deployments: readonly DeploymentSummary[]): RankedInsight[] {
  const q = data.queries;
  const w = data.window;
  const capacity = data.capacity;
  const out: RankedInsight[] = [];
  const consumers = (pick: (s: ServiceData | NodeData) => Points) => (x: ServiceData | NodeData) => {
    const xs = values(pick(x));
    return { mean: mean(xs) ?? 0, peak: xs.length > 0 ? Math.max(...xs) : 0 };
  };
  out.push(
    ...buildTopConsumers({
      resource: 'cpu',
      scope: 'service',
      consumers: data.services.map((s) => ({
        name: s.service,
        stack: s.stack,
        ...consumers((x) => x.cpu)(s),
      })),
      capacity: capacity.cores,
      promql: [q.cpuByService],
    }),
    ...buildTopConsumers({
      resource: 'memory',
      scope: 'service',
      consumers: data.services.map((s) => ({
        name: s.service,
        stack: s.stack,
        ...consumers((x) => x.memory)(s),
      })),
      capacity: capacity.bytes,
      promql: [q.memoryByService],
    }),
  );
  for (const s of data.services) out.push(...serviceInsights(data, s, capacity));
  for (const n of data.nodes) out.push(...nodeInsights(data, n));
  // Ranking nodes needs more than one: a single node's share is its saturation (nodeInsights).
  if (data.nodes.length > 1) {
    out.push(
      ...buildTopConsumers({
        resource: 'memory',
        scope: 'node',
        consumers: data.nodes.map((n) => ({ name: n.node, ...consumers((x) => x.memory)(n) })),
        capacity: capacity.bytes,
        promql: [q.memoryByNode, q.nodeMemory],
      }),
      ...buildTopConsumers({
        resource: 'cpu',
        scope: 'node',
        consumers: data.nodes.map((n) => ({ name: n.node, ...consumers((x) => x.cpu)(n) })),
        capacity: capacity.cores,
        promql: [q.cpuByNode, q.nodeCores],
      }),
    );
  }
  const series: ServiceResourceSeries[] = data.services.flatMap((s) => [
    { service: s.service, stack: s.stack, resource: 'cpu' as const, points: s.cpu, promql: q.cpuByService },
    {
      service: s.service,
      stack: s.stack,
      resource: 'memory' as const,
      points: s.memory,
      promql: q.memoryByService,
    },
  ]);
  for (const deployment of deployments)
    out.push(...buildCorrelations({ deployment, series, spanSeconds: correlationSpan(w.seconds) }));
  return out;
}

/** The insights about one service: saturation, anomaly, right-sizing, memory vs limit, errors. */
export function serviceInsights(
  data: Pick<ClusterData, 'queries' | 'window'>,
  s: ServiceData,
  capacity: { readonly cores: number | null; readonly bytes: number | null },
): RankedInsight[] {
  const q = data.queries;
  const w = data.window;
  const subject = serviceSubject(s.service);
  const tasks = Math.max(1, s.running ?? 1);
  const perTask = (points: Points): number[] => values(points).map((v) => v / tasks);
  const memoryCeiling = s.memoryLimit !== null && (s.running ?? 0) > 0 ? s.memoryLimit * s.running! : null;
  return [
    ...buildServiceSaturation({
      service: s.service,
      stack: s.stack,
      resource: 'cpu',
      usage: recentMean(s.cpu, w.start, w.end) ?? 0,
      running: s.running,
      limit: s.cpuLimit,
      reservation: s.cpuReservation,
      promql: [q.cpuByService, q.cpuLimit, q.cpuReservation, q.replicasRunning],
    }),
    ...buildServiceSaturation({
      service: s.service,
      stack: s.stack,
      resource: 'memory',
      usage: recentMean(s.memory, w.start, w.end) ?? 0,
      running: s.running,
      limit: s.memoryLimit,
      reservation: s.memoryReservation,
      promql: [q.memoryByService, q.memoryLimit, q.memoryReservation, q.replicasRunning],
    }),
    ...buildAnomaly({
      subject,
      resource: 'cpu',
      points: s.cpu,
      start: w.start,
      end: w.end,
      promql: [q.cpuByService],
    }),
    ...buildAnomaly({
      subject,
      resource: 'memory',
      points: s.memory,
      start: w.start,
      end: w.end,
      promql: [q.memoryByService],
    }),
    ...buildRightSizing({
      service: s.service,
      stack: s.stack,
      cpuPerTask: perTask(s.cpu),
      memoryPerTask: perTask(s.memory),
      cpuLimit: s.cpuLimit,
      memoryLimit: s.memoryLimit,
      capacity,
      promql: [q.cpuByService, q.memoryByService, q.cpuLimit, q.memoryLimit, q.replicasRunning],
    }),
    ...(memoryCeiling === null
      ? []
      : buildCapacity({
          target: 'service-memory',
          subject,
          points: s.memory,
          capacity: memoryCeiling,
          windowSeconds: w.seconds,
          at: w.end,
          promql: [q.memoryByService, q.memoryLimit, q.replicasRunning],
        })),
    ...buildErrors({
      service: s.service,
      stack: s.stack,
      restarts: s.restarts,
      failedTasks: s.failedTasks,
      desired: s.desired,
      running: s.running,
      promql: [q.restarts, q.failedTasks, q.replicasDesired, q.replicasRunning],
    }),
  ];
}

function nodeInsights(data: ClusterData, n: NodeData): RankedInsight[] {
  const q = data.queries;
  const w = data.window;
  const subject = nodeSubject(n.node);
  const out: RankedInsight[] = [];
  if (n.cores !== null)
    out.push(
      ...buildNodeSaturation({
        node: n.node,
        resource: 'cpu',
        usage: recentMean(n.cpu, w.start, w.end) ?? 0,
        capacity: n.cores,
        promql: [q.cpuByNode, q.nodeCores],
      }),
    );
  if (n.memoryBytes !== null) {
    out.push(
      ...buildNodeSaturation({
        node: n.node,
        resource: 'memory',
        usage: recentMean(n.memory, w.start, w.end) ?? 0,
        capacity: n.memoryBytes,
        promql: [q.memoryByNode, q.nodeMemory],
      }),
      ...buildCapacity({
        target: 'node-memory',
        subject,
        points: n.memory,
        capacity: n.memoryBytes,
        windowSeconds: w.seconds,
        at: w.end,
        promql: [q.memoryByNode, q.nodeMemory],
      }),
    );
  }
  if (n.diskSize !== null)
    out.push(
      ...buildCapacity({
        target: 'disk',
        subject,
        points: n.diskAvail,
        capacity: n.diskSize,
        windowSeconds: w.seconds,
        at: w.end,
        promql: [q.diskAvail, q.diskSize],
      }),
    );
  return out;
}
