import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { ErrorCode, isAppError, MetricsRpc } from '@swarmops/contracts';
import type { AnalyzeData, RpcRequest, ServiceUsage } from '@swarmops/contracts';
import type { AnalysisKind, AnalystMetrics } from '../metrics.js';
import type { PromClient, QueryCaps } from '../ports.js';

/** The analysis as the handlers see it (`createAnalyzer` in analysis/analyzer.ts). */
export interface Analysis {
  analyze(request: RpcRequest<typeof MetricsRpc.analyze>): Promise<AnalyzeData>;
  serviceUsage(request: RpcRequest<typeof MetricsRpc.serviceUsage>): Promise<ServiceUsage>;
}

/** What the metrics handlers need. */
export interface MetricsHandlersDeps {
  analyzer: Analysis;
  prom: Pick<PromClient, 'query'>;
  caps: QueryCaps;
  metrics: AnalystMetrics;
  /** Monotonic milliseconds, for the duration histogram. */
  clock?: () => number;
}

/**
 * `analyze`, `query` and `service.usage`. Every answer comes from Prometheus: when it is down they fail
 * UNAVAILABLE (the PromClient's error, naming PROMETHEUS_URL) while the service itself stays ready.
 */
export function createMetricsHandlers(deps: MetricsHandlersDeps): RpcEndpoint[] {
  const clock = deps.clock ?? (() => performance.now());
  const timed = async <T>(kind: AnalysisKind, run: () => Promise<T>): Promise<T> => {
    const started = clock();
    let outcome = 'ok';
    try {
      return await run();
    } catch (err) {
      outcome = isAppError(err) ? err.code : ErrorCode.INTERNAL;
      throw err;
    } finally {
      deps.metrics.observeAnalysis(kind, outcome, (clock() - started) / 1000);
    }
  };
  return [
    endpoint(MetricsRpc.analyze, (req) => timed('analyze', () => deps.analyzer.analyze(req))),
    endpoint(MetricsRpc.query, (req) => timed('query', () => deps.prom.query(req, deps.caps))),
    endpoint(MetricsRpc.serviceUsage, (req) => timed('service-usage', () => deps.analyzer.serviceUsage(req))),
  ];
}
