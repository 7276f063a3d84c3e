import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { AppError, ErrorCode, HealthRpc } from '@swarmops/contracts';
import type { ReportsRepo } from '../adapters/reports-repo.js';
import type { HealthRunner } from '../runner/runner.js';

/** What the run and report handlers need. */
export interface ReportHandlersDeps {
  runner: HealthRunner;
  reports: ReportsRepo;
  /** The id of the cluster inventory reads (reports are kept per cluster). */
  clusterId: () => Promise<string>;
}

/** `check.run`, `reports.get` and `reports.list`. */
export function createReportHandlers(deps: ReportHandlersDeps): RpcEndpoint[] {
  return [
    endpoint(HealthRpc.checkRun, (req) => deps.runner.run(req, 'on-demand')),
    endpoint(HealthRpc.reportsGet, async (req) => {
      const clusterId = await deps.clusterId();
      const report =
        req.reportId === undefined
          ? await deps.reports.latest(clusterId)
          : await deps.reports.get(clusterId, req.reportId);
      if (report !== null) return report;
      throw new AppError(
        ErrorCode.NOT_FOUND,
        req.reportId === undefined ? 'no cluster-wide report yet' : `report \`${req.reportId}\` not found`,
        { details: { kind: 'report', id: req.reportId ?? null } },
      );
    }),
    endpoint(HealthRpc.reportsList, async (req) => deps.reports.list(await deps.clusterId(), req)),
  ];
}
