import type {
  AnalyzeData,
  DeploymentSummary,
  MetricsRpc,
  RpcRequest,
  ServiceUsage,
} from '@swarmops/contracts';
import { rankInsights } from '../domain/insights/ranked.js';
import type { DeploymentSource, PromClient } from '../ports.js';
import { buildInsights } from './build-insights.js';
import { gatherCluster } from './gather.js';
import { analysisQueries, type Scope } from './promql.js';
import { resolveService } from './resolve-service.js';
import { serviceUsage } from './service-usage.js';
import { analysisWindow, type AnalysisWindow } from './window.js';

export interface AnalyzerDeps {
  readonly prom: PromClient;
  readonly deployments: DeploymentSource;
  readonly now: () => Date;
  /** Told when the deployer's history cannot be read; correlations are then skipped. */
  readonly onDeploymentsUnavailable?: (error: unknown) => void;
}

export interface Analyzer {
  analyze(req: RpcRequest<typeof MetricsRpc.analyze>): Promise<AnalyzeData>;
  serviceUsage(req: RpcRequest<typeof MetricsRpc.serviceUsage>): Promise<ServiceUsage>;
}

/**
 * `analyze_metrics` and `get_service_usage` over Prometheus: builds the PromQL from MetricNames for the
 * request's scope, reads it (bounded parallel), turns the numbers into insights (src/domain/insights) and
 * ranks them by severity, then magnitude. Prometheus errors pass through as they are (UNAVAILABLE,
 * TIMEOUT); an unknown `service` is NOT_FOUND.
 */
export function createAnalyzer(deps: AnalyzerDeps): Analyzer {
  const history = async (
    w: AnalysisWindow,
    stacks: readonly string[] | undefined,
  ): Promise<DeploymentSummary[]> => {
    try {
      return await deps.deployments.since(new Date(w.start * 1000), stacks === undefined ? {} : { stacks });
    } catch (error) {
      deps.onDeploymentsUnavailable?.(error);
      return [];
    }
  };

  return {
    async analyze(req) {
      const w = analysisWindow(req.window, deps.now());
      const base: Omit<Scope, 'service'> = {
        ...(req.stack === undefined ? {} : { stack: req.stack }),
        ...(req.stacks === undefined ? {} : { stacks: req.stacks }),
      };
      const scope: Scope =
        req.service === undefined
          ? base
          : {
              ...base,
              service: (await resolveService(deps.prom, req.service, base, req.window, w.end)).service,
            };
      const queries = analysisQueries(scope, req.window, w.rateRange);
      // Node findings are about the whole cluster: only for an unscoped, unfiltered analysis.
      const wholeCluster = req.service === undefined && req.stack === undefined && req.stacks === undefined;
      const wantsHistory = req.focus === 'all' || req.focus === 'cpu' || req.focus === 'memory';
      const [data, deployments] = await Promise.all([
        gatherCluster(deps.prom, w, queries, { nodes: wholeCluster }),
        wantsHistory ? history(w, stacksOf(req)) : Promise.resolve([]),
      ]);
      const relevant = deployments.filter((d) => req.stack === undefined || d.stack === req.stack);
      return {
        window: req.window,
        insights: rankInsights(buildInsights(data, relevant), { focus: req.focus, limit: req.limit }),
      };
    },

    async serviceUsage(req) {
      const w = analysisWindow(req.window, deps.now());
      const resolved = await resolveService(deps.prom, req.service, {}, req.window, w.end);
      return serviceUsage(deps.prom, w, resolved, (stack) => history(w, [stack]));
    },
  };
}

function stacksOf(req: RpcRequest<typeof MetricsRpc.analyze>): readonly string[] | undefined {
  if (req.stack !== undefined) return [req.stack];
  return req.stacks;
}
