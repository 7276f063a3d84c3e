import type { Points } from '../domain/math/trend.js';
import type { PromClient, PromSample, PromSeries } from '../ports.js';
import { runBounded } from './bounded.js';
import type { AnalysisQueries } from './promql.js';
import type { AnalysisWindow } from './window.js';

/** Queries in flight at once against Prometheus (it has few cores too). */
export const QUERY_CONCURRENCY = 4;

export interface ServiceData {
  readonly service: string;
  /** "" for a standalone service. */
  readonly stack: string;
  /** Cores and bytes summed over the service's containers, over the window. */
  readonly cpu: Points;
  readonly memory: Points;
  readonly cpuLimit: number | null;
  readonly cpuReservation: number | null;
  readonly memoryLimit: number | null;
  readonly memoryReservation: number | null;
  readonly desired: number | null;
  readonly running: number | null;
  readonly restarts: number | null;
  readonly failedTasks: number | null;
  readonly networkReceive: number | null;
  readonly networkTransmit: number | null;
}

export interface NodeData {
  readonly node: string;
  readonly cpu: Points;
  readonly memory: Points;
  readonly cores: number | null;
  readonly memoryBytes: number | null;
  readonly diskAvail: Points;
  readonly diskSize: number | null;
}

export interface ClusterData {
  readonly window: AnalysisWindow;
  readonly queries: AnalysisQueries;
  readonly services: readonly ServiceData[];
  /** Empty unless nodes were asked for. */
  readonly nodes: readonly NodeData[];
  /** The cluster's schedulable cores and memory (sum over nodes; not tenant data, so always read). */
  readonly capacity: { readonly cores: number | null; readonly bytes: number | null };
  /** The queries actually run, in the order of `queries`. */
  readonly ran: readonly string[];
}

type RangeKey = 'cpuByService' | 'memoryByService' | 'cpuByNode' | 'memoryByNode' | 'diskAvail';
type InstantKey = Exclude<keyof AnalysisQueries, RangeKey>;
const RANGE_KEYS: readonly RangeKey[] = [
  'cpuByService',
  'memoryByService',
  'cpuByNode',
  'memoryByNode',
  'diskAvail',
];

const SERVICE_KEYS: readonly (keyof AnalysisQueries)[] = [
  'cpuByService',
  'memoryByService',
  'cpuLimit',
  'cpuReservation',
  'memoryLimit',
  'memoryReservation',
  'replicasDesired',
  'replicasRunning',
  'restarts',
  'failedTasks',
  'networkReceive',
  'networkTransmit',
  'nodeCores',
  'nodeMemory',
];
const NODE_KEYS: readonly (keyof AnalysisQueries)[] = ['cpuByNode', 'memoryByNode', 'diskAvail', 'diskSize'];

const total = (samples: readonly PromSample[]): number | null =>
  samples.length === 0 ? null : samples.reduce((sum, s) => sum + s.value, 0);

const serviceKey = (labels: Readonly<Record<string, string>>): string =>
  `${labels['service'] ?? ''}\u0000${labels['stack'] ?? ''}`;

/**
 * Runs the analysis' queries (bounded, in parallel) and joins them per service (by service and stack)
 * and per node (by node). Any query failing fails the gather: the analysis is all or nothing.
 */
export async function gatherCluster(
  prom: PromClient,
  window: AnalysisWindow,
  queries: AnalysisQueries,
  options: { readonly nodes: boolean },
): Promise<ClusterData> {
  const keys = options.nodes ? [...SERVICE_KEYS, ...NODE_KEYS] : SERVICE_KEYS;
  const results = await runBounded<PromSeries[] | PromSample[]>(
    keys.map(
      (key) => () =>
        (RANGE_KEYS as readonly string[]).includes(key)
          ? prom.range(queries[key], window.start, window.end, window.step)
          : prom.instant(queries[key], window.end),
    ),
    QUERY_CONCURRENCY,
  );
  const byKey = new Map(keys.map((k, i) => [k, results[i]!]));
  const range = (k: RangeKey): PromSeries[] => (byKey.get(k) as PromSeries[] | undefined) ?? [];
  const instant = (k: InstantKey): PromSample[] => (byKey.get(k) as PromSample[] | undefined) ?? [];
  return {
    window,
    queries,
    services: joinServices(range, instant),
    nodes: options.nodes ? joinNodes(range, instant) : [],
    capacity: { cores: total(instant('nodeCores')), bytes: total(instant('nodeMemory')) },
    ran: keys.map((k) => queries[k]),
  };
}

function joinServices(
  range: (k: RangeKey) => PromSeries[],
  instant: (k: InstantKey) => PromSample[],
): ServiceData[] {
  const names = new Map<string, { service: string; stack: string }>();
  const note = (labels: Readonly<Record<string, string>>): void => {
    if (labels['service'] !== undefined)
      names.set(serviceKey(labels), { service: labels['service'], stack: labels['stack'] ?? '' });
  };
  const points = (k: RangeKey): Map<string, Points> => {
    const out = new Map<string, Points>();
    for (const s of range(k)) {
      note(s.labels);
      out.set(serviceKey(s.labels), s.points);
    }
    return out;
  };
  const values = (k: InstantKey): Map<string, number> => {
    const out = new Map<string, number>();
    for (const s of instant(k)) {
      if (s.labels['service'] === undefined) continue;
      note(s.labels);
      out.set(serviceKey(s.labels), s.value);
    }
    return out;
  };
  const cpu = points('cpuByService');
  const memory = points('memoryByService');
  const v = {
    cpuLimit: values('cpuLimit'),
    cpuReservation: values('cpuReservation'),
    memoryLimit: values('memoryLimit'),
    memoryReservation: values('memoryReservation'),
    desired: values('replicasDesired'),
    running: values('replicasRunning'),
    restarts: values('restarts'),
    failedTasks: values('failedTasks'),
    networkReceive: values('networkReceive'),
    networkTransmit: values('networkTransmit'),
  };
  return [...names].map(([key, { service, stack }]) => {
    const get = (m: Map<string, number>): number | null => m.get(key) ?? null;
    return {
      service,
      stack,
      cpu: cpu.get(key) ?? [],
      memory: memory.get(key) ?? [],
      cpuLimit: get(v.cpuLimit),
      cpuReservation: get(v.cpuReservation),
      memoryLimit: get(v.memoryLimit),
      memoryReservation: get(v.memoryReservation),
      desired: get(v.desired),
      running: get(v.running),
      restarts: get(v.restarts),
      failedTasks: get(v.failedTasks),
      networkReceive: get(v.networkReceive),
      networkTransmit: get(v.networkTransmit),
    };
  });
}

function joinNodes(
  range: (k: RangeKey) => PromSeries[],
  instant: (k: InstantKey) => PromSample[],
): NodeData[] {
  const nodes = new Set<string>();
  const points = (k: RangeKey): Map<string, Points> =>
    new Map(range(k).map((s) => (nodes.add(s.labels['node'] ?? ''), [s.labels['node'] ?? '', s.points])));
  const values = (k: InstantKey): Map<string, number> =>
    new Map(instant(k).map((s) => (nodes.add(s.labels['node'] ?? ''), [s.labels['node'] ?? '', s.value])));
  const cpu = points('cpuByNode');
  const memory = points('memoryByNode');
  const disk = points('diskAvail');
  const cores = values('nodeCores');
  const memoryBytes = values('nodeMemory');
  const diskSize = values('diskSize');
  nodes.delete('');
  return [...nodes].map((node) => ({
    node,
    cpu: cpu.get(node) ?? [],
    memory: memory.get(node) ?? [],
    cores: cores.get(node) ?? null,
    memoryBytes: memoryBytes.get(node) ?? null,
    diskAvail: disk.get(node) ?? [],
    diskSize: diskSize.get(node) ?? null,
  }));
}
