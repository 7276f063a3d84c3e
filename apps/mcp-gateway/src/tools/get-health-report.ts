import { z } from 'zod';
import { request } from '@swarmops/bus';
import { AppError, ErrorCode, HealthReportSchema, HealthRpc, InventoryRpc, Role } from '@swarmops/contracts';
import { narrowReport, reportInView, stackView } from './health-scope.js';
import { renderReport } from './render-health.js';
import { READ_ONLY, busOptions, defineTool } from './tool.js';

export const GetHealthReportOutputSchema = HealthReportSchema.extend({
  narrowedTo: z
    .array(z.string())
    .optional()
    .describe(
      'Present when a cluster-wide report was narrowed to these stacks for a stack-scoped token: only the ' +
        'checks of their stacks and services are shown, and status and counts are recomputed over them.',
    ),
});

export const getHealthReport = defineTool({
  name: 'get_health_report',
  title: 'Get a health report',
  description:
    'Read a stored health report: the newest one (the periodic run every few seconds, or the latest ' +
    'execute_health_check) when `reportId` is absent, or the one with that id (from execute_health_check or ' +
    'list_health_history). Returns `{ status, checkedAt, checks, reportId, scope, target, trigger, durationMs, ' +
    'counts }`, with evidence and fixes on every failing check. It runs nothing; use execute_health_check for ' +
    'a fresh verdict. A token scoped to stacks sees only the checks of its stacks.',
  input: z.strictObject({
    reportId: z.uuid().optional().describe('The report id; the newest report when absent.'),
  }),
  output: GetHealthReportOutputSchema,
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [HealthRpc.reportsGet.subject, InventoryRpc.servicesList.subject],
  async run(args, ctx) {
    const report = await request(ctx.nc, HealthRpc.reportsGet, args, busOptions(ctx));
    const view = await stackView(ctx);
    if (view === null || reportInView(view, report)) return report;
    if (report.scope !== 'cluster') {
      throw new AppError(
        ErrorCode.FORBIDDEN,
        `report ${report.reportId} (${report.scope} ${report.target ?? ''}) is outside the stacks this token may see`,
      );
    }
    return { ...narrowReport(view, report), narrowedTo: [...view.stacks] };
  },
  render: (r) =>
    renderReport(
      r,
      r.narrowedTo === undefined
        ? undefined
        : `Narrowed to the stacks ${r.narrowedTo.join(', ')}: checks of other stacks, nodes and the platform are hidden.`,
    ),
});
