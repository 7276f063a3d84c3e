import { z } from 'zod';
import { request } from '@swarmops/bus';
import { MetricsRpc, QueryDataSchema, QueryRequestSchema, Role } from '@swarmops/contracts';
import { promqlForbidden, queryOptions } from './metrics-calls.js';
import { renderQuery } from './render-metrics.js';
import { READ_ONLY, defineTool } from './tool.js';

const { promql, start, end, step } = QueryRequestSchema.shape;

export const queryMetrics = defineTool({
  name: 'query_metrics',
  title: 'Query metrics (PromQL)',
  description:
    'Run one read-only PromQL query against Prometheus, e.g. to rerun or refine the `evidence.promql` of an ' +
    'analyze_metrics insight. Without `start` it is an instant query at `end` (default now); with `start` a ' +
    'range query from `start` to `end` every `step` (chosen to fit the point cap when absent). Returns ' +
    '`{ resultType, series: [{ labels, points: [[unixSeconds, value]] }], query, points, truncated, warnings }`; ' +
    'series and points are capped and `truncated` says when something was cut. Exporter metrics are named ' +
    '`swarm_node_*`, `swarm_service_*` (labels service, stack, node) and `swarm_exporter_*`. Prefer ' +
    'analyze_metrics for questions; this returns numbers, not conclusions. Not available to a token scoped ' +
    "to stacks: arbitrary PromQL can read and aggregate every stack's series, so it cannot be limited to some.",
  input: z.strictObject({
    promql: promql.describe(
      'The PromQL expression, e.g. `sum by (service) (rate(swarm_service_cpu_seconds_total[5m]))`.',
    ),
    start: start.describe(
      'Range start: RFC 3339 (`2026-11-28T01:00:00Z`) or Unix seconds; absent: an instant query.',
    ),
    end: end.describe('Range end or the instant: RFC 3339 or Unix seconds; default now.'),
    step: step.describe('Range resolution: a duration like `15s`, `1m`, or seconds.'),
  }),
  output: QueryDataSchema,
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [MetricsRpc.query.subject],
  // Looked up only for a stack-scoped caller, before anything is sent: always a refusal.
  resolveStack: (_args, ctx) => Promise.reject(promqlForbidden(ctx.principal.stacks)),
  run: (args, ctx) => request(ctx.nc, MetricsRpc.query, args, queryOptions(ctx)),
  render: (r) => renderQuery(r),
});
