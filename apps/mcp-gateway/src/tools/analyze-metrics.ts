import { z } from 'zod';
import { request } from '@swarmops/bus';
import {
  AnalyzeDataSchema,
  AnalyzeFocusSchema,
  AnalyzeWindowSchema,
  InventoryRpc,
  MetricsRpc,
  Role,
  ServiceRefSchema,
  StackNameSchema,
} from '@swarmops/contracts';
import { analysisStack, analyzeOptions } from './metrics-calls.js';
import { renderInsights } from './render-metrics.js';
import { READ_ONLY, defineTool } from './tool.js';

/** The fixed `analyze_metrics` output (DESIGN.md): exactly `{ window, insights }`. */
export const AnalyzeMetricsOutputSchema = AnalyzeDataSchema.pick({ window: true, insights: true });

export const analyzeMetrics = defineTool({
  name: 'analyze_metrics',
  title: 'Analyze metrics',
  description:
    'Answer questions about load from Prometheus ("what is eating the CPU?", "is anything about to run out ' +
    'of disk?", "did the last deploy make it worse?") with ranked, evidenced insights instead of raw numbers. ' +
    'Returns `{ window, insights }`, most severe first; each insight is `{ kind, severity, subject, summary, ' +
    'evidence: { promql[], values, deploymentId? }, recommendation }` with kind top-consumer (the services and ' +
    'nodes using the most CPU/memory), saturation (usage vs limits, reservations and node capacity), anomaly ' +
    '(recent quarter vs baseline, robust z-score), right-sizing (reservations/limits from p95 plus headroom), ' +
    'capacity (time until disk or memory is full), correlation (a shift right after a deployment, naming it) ' +
    'or errors (restarts, failed tasks). `focus` narrows the kinds, `service`/`stack` the subjects, `window` ' +
    'the time span. Every `promql` can be rerun with query_metrics. A token scoped to stacks sees only its ' +
    "stacks' services.",
  input: z.strictObject({
    focus: AnalyzeFocusSchema.default('all').describe(
      '`cpu`, `memory`, `errors` (restarts, failed tasks), `capacity` (disk and memory forecasts) or `all` (default).',
    ),
    service: ServiceRefSchema.optional().describe('Only this service (name like `shop_api`, or id).'),
    stack: StackNameSchema.optional().describe("Only this stack's services."),
    window: AnalyzeWindowSchema.default('1h').describe(
      'How far back to look: a duration from `1m` to `7d` (default `1h`); the anomaly baseline is the window ' +
        'before its most recent quarter.',
    ),
  }),
  output: AnalyzeMetricsOutputSchema,
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [MetricsRpc.analyze.subject, InventoryRpc.servicesGet.subject],
  stackOf: (args) => (args.service === undefined ? args.stack : undefined),
  resolveStack: (args, ctx) => analysisStack(args, ctx),
  async run(args, ctx) {
    const { stacks } = ctx.principal;
    const data = await request(
      ctx.nc,
      MetricsRpc.analyze,
      {
        focus: args.focus,
        window: args.window,
        ...(args.service === undefined ? {} : { service: args.service }),
        ...(args.stack === undefined ? {} : { stack: args.stack }),
        ...(stacks === null ? {} : { stacks }),
      },
      analyzeOptions(ctx),
    );
    return { window: data.window, insights: data.insights };
  },
  render: (r) => renderInsights(r),
});
