import { MetricNames as M } from '../domain/metric-names.js';

/** What an analysis looks at: one service (resolved name), one stack, and the caller's stacks. */
export interface Scope {
  readonly service?: string;
  readonly stack?: string;
  readonly stacks?: readonly string[];
}

/** A PromQL string literal's content: backslash, double quote and newline escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A literal inside a regex matcher (RE2): every metacharacter escaped. */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The label matchers for a scope, e.g. `service="shop_api",stack=~"shop|blog"` (may be empty). */
export function scopeMatchers(scope: Scope, extra: readonly string[] = []): string {
  const out: string[] = [];
  if (scope.service !== undefined) out.push(`service="${escapeLabelValue(scope.service)}"`);
  if (scope.stack !== undefined) out.push(`stack="${escapeLabelValue(scope.stack)}"`);
  if (scope.stacks !== undefined)
    out.push(`stack=~"${escapeLabelValue(scope.stacks.map(escapeRegex).join('|'))}"`);
  return [...out, ...extra].join(',');
}

function sel(metric: string, scope: Scope, extra: readonly string[] = []): string {
  const m = scopeMatchers(scope, extra);
  return m === '' ? metric : `${metric}{${m}}`;
}

/** The PromQL behind an analysis, all runnable as they are in query_metrics (range ones with a start). */
export interface AnalysisQueries {
  /** Range: cores per service. */
  readonly cpuByService: string;
  /** Range: bytes per service. */
  readonly memoryByService: string;
  readonly cpuByNode: string;
  readonly memoryByNode: string;
  /** Instant: per-task limits and reservations, replicas, node capacity. */
  readonly cpuLimit: string;
  readonly cpuReservation: string;
  readonly memoryLimit: string;
  readonly memoryReservation: string;
  readonly replicasDesired: string;
  readonly replicasRunning: string;
  readonly nodeCores: string;
  readonly nodeMemory: string;
  /** Instant over the window: task failures and failed tasks now. */
  readonly restarts: string;
  readonly failedTasks: string;
  /** Range: free disk per node; instant: its size. */
  readonly diskAvail: string;
  readonly diskSize: string;
  /** Instant over the window: network bytes per second. */
  readonly networkReceive: string;
  readonly networkTransmit: string;
}

/**
 * Every query from MetricNames for a scope. `window` is the analysis window (`1h`); `rateRange` the
 * `rate()` range in seconds for the range queries (a few steps wide, at least 60 s).
 */
export function analysisQueries(scope: Scope, window: string, rateRange: number): AnalysisQueries {
  const byService = 'by (service, stack)';
  const r = `${rateRange}s`;
  return {
    cpuByService: `sum ${byService} (rate(${sel(M.serviceCpuSeconds, scope)}[${r}]))`,
    memoryByService: `sum ${byService} (${sel(M.serviceMemoryBytes, scope)})`,
    cpuByNode: `sum by (node) (rate(${sel(M.serviceCpuSeconds, scope)}[${r}]))`,
    memoryByNode: `sum by (node) (${sel(M.serviceMemoryBytes, scope)})`,
    cpuLimit: `max ${byService} (${sel(M.serviceCpuLimitCores, scope)})`,
    cpuReservation: `max ${byService} (${sel(M.serviceCpuReservationCores, scope)})`,
    memoryLimit: `max ${byService} (${sel(M.serviceMemoryLimitBytes, scope)})`,
    memoryReservation: `max ${byService} (${sel(M.serviceMemoryReservationBytes, scope)})`,
    replicasDesired: `max ${byService} (${sel(M.serviceReplicasDesired, scope)})`,
    replicasRunning: `max ${byService} (${sel(M.serviceReplicasRunning, scope)})`,
    nodeCores: `max by (node) (${M.nodeCpuCores})`,
    nodeMemory: `max by (node) (${M.nodeMemoryBytes})`,
    restarts: `sum ${byService} (increase(${sel(M.serviceRestarts, scope)}[${window}]))`,
    failedTasks: `sum ${byService} (${sel(M.serviceTasks, scope, ['state=~"failed|rejected"'])})`,
    diskAvail: `max by (node) (${M.nodeFilesystemAvailBytes})`,
    diskSize: `max by (node) (${M.nodeFilesystemSizeBytes})`,
    networkReceive: `sum ${byService} (rate(${sel(M.serviceNetworkReceiveBytes, scope)}[${window}]))`,
    networkTransmit: `sum ${byService} (rate(${sel(M.serviceNetworkTransmitBytes, scope)}[${window}]))`,
  };
}

/**
 * Finds a service by name or id in the window, inside the scope's stacks: one sample per match with its
 * `service` and `stack` labels.
 */
export function resolveServiceQuery(ref: string, scope: Omit<Scope, 'service'>, window: string): string {
  const v = escapeLabelValue(ref);
  const last = (metric: string, label: string): string =>
    `last_over_time(${sel(metric, scope, [`${label}="${v}"`])}[${window}])`;
  return `group by (service, stack) (${last(M.serviceReplicasDesired, 'service')} or ${last(M.serviceReplicasDesired, 'service_id')} or ${last(M.serviceMemoryBytes, 'service')})`;
}
