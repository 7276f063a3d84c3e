import { z } from 'zod';
import { request } from '@swarmops/bus';
import {
  CheckIdSchema,
  HealthReportSummarySchema,
  HealthRpc,
  HealthStatusSchema,
  InventoryRpc,
  Role,
} from '@swarmops/contracts';
import { reportInView, stackView } from './health-scope.js';
import { ToolPageShape, toolPageSchema } from './paging.js';
import { renderSummaryLine } from './render-health.js';
import { renderList } from './render.js';
import { READ_ONLY, busOptions, defineTool } from './tool.js';

/**
 * Reports per page: smaller than other lists, since every summary carries its problems with their evidence
 * (a cluster-wide report on a busy swarm holds dozens) and a reply must stay under NATS's max_payload.
 */
export const HISTORY_PAGE_DEFAULT = 20;
export const HISTORY_PAGE_MAX = 100;

export const listHealthHistory = defineTool({
  name: 'list_health_history',
  title: 'List health history',
  description:
    'List stored health reports, newest first: verdict, scope, trigger (interval, on-demand, event), time, ' +
    'counts and the checks that were warn or fail (`problems`). Use it to see when the cluster became ' +
    'degraded, how often a check failed (`checkId`, e.g. `service.crash-loop`), or what changed since a time ' +
    '(`since`, ISO 8601). Filter by `status`. Returns `{ items, nextCursor }`; page with `cursor`; read one ' +
    'report in full with get_health_report. A token scoped to stacks sees only the stack and service runs of ' +
    'its stacks (cluster-wide runs are left out), so a page can hold fewer than `limit` items.',
  input: z.strictObject({
    status: HealthStatusSchema.optional().describe('Only reports with this verdict.'),
    since: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Only reports checked at or after this time (ISO 8601).'),
    checkId: CheckIdSchema.optional().describe('Only reports in which this check was warn or fail.'),
    limit: z
      .number()
      .int()
      .min(1)
      .max(HISTORY_PAGE_MAX)
      .optional()
      .describe(`Reports per page, 1-${HISTORY_PAGE_MAX} (default ${HISTORY_PAGE_DEFAULT}).`),
    cursor: ToolPageShape.cursor,
  }),
  output: toolPageSchema(HealthReportSummarySchema),
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [HealthRpc.reportsList.subject, InventoryRpc.servicesList.subject],
  async run(args, ctx) {
    const page = await request(
      ctx.nc,
      HealthRpc.reportsList,
      { ...args, limit: args.limit ?? HISTORY_PAGE_DEFAULT },
      busOptions(ctx),
    );
    const view = await stackView(ctx);
    if (view === null) return page;
    return { items: page.items.filter((r) => reportInView(view, r)), nextCursor: page.nextCursor };
  },
  render: (page) => renderList('health reports', page, renderSummaryLine),
});
