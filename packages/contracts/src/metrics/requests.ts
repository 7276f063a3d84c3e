import { z } from 'zod';
import { ServiceRefSchema, StackNameSchema } from '../deployer/requests.js';

// Requests are strict: an unknown field is refused with INVALID_REQUEST naming it.

/** A Prometheus duration of one unit, e.g. `30s`, `15m`, `6h`, `7d`. */
export const PromDurationSchema = z
  .string()
  .trim()
  .regex(/^[1-9]\d{0,5}[smhd]$/, { error: 'expected a duration like 30s, 15m, 6h or 7d' });

/** Seconds in a {@link PromDurationSchema} duration. */
export function durationSeconds(duration: string): number {
  const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[duration.slice(-1) as 's' | 'm' | 'h' | 'd'];
  return Number(duration.slice(0, -1)) * unit;
}

/** The longest analysis window (the local Prometheus keeps 15 days). */
export const ANALYZE_WINDOW_MAX_SECONDS = 7 * 86_400;
export const ANALYZE_WINDOW_DEFAULT = '1h';

export const AnalyzeWindowSchema = PromDurationSchema.refine(
  (d) => durationSeconds(d) >= 60 && durationSeconds(d) <= ANALYZE_WINDOW_MAX_SECONDS,
  { error: 'expected a window between 1m and 7d' },
);

export const AnalyzeFocusSchema = z.enum(['cpu', 'memory', 'errors', 'capacity', 'all']);
export type AnalyzeFocus = z.infer<typeof AnalyzeFocusSchema>;

/** `analyze_metrics { focus?, service?, stack?, window? }` (the fixed tool fields) plus a result cap. */
export const AnalyzeRequestSchema = z.strictObject({
  focus: AnalyzeFocusSchema.default('all'),
  /** Only this service (name, e.g. `shop_api`, or id). */
  service: ServiceRefSchema.optional(),
  /** Only this stack's services. */
  stack: StackNameSchema.optional(),
  /** How far back to look; the anomaly baseline is the window before the recent quarter. */
  window: AnalyzeWindowSchema.default(ANALYZE_WINDOW_DEFAULT),
  /** At most this many insights, most severe first. */
  limit: z.number().int().min(1).max(200).default(20),
  /** Restrict to these stacks (a stack-scoped caller); null or absent: every stack and standalone service. */
  stacks: z.array(StackNameSchema).min(1).max(200).optional(),
});

/** A time for query_metrics: RFC 3339 or Unix seconds. */
export const QueryTimeSchema = z.union([
  z.iso.datetime({ offset: true }),
  z.number().nonnegative().max(32_503_680_000),
]);

/**
 * `query_metrics { promql, start?, end?, step? }`: read-only PromQL. Without `start` it is an instant
 * query at `end` (or now); with `start` a range query from `start` to `end` (or now) every `step`.
 */
export const QueryRequestSchema = z.strictObject({
  promql: z.string().trim().min(1).max(4000),
  start: QueryTimeSchema.optional(),
  end: QueryTimeSchema.optional(),
  /** A duration like `15s`, or seconds; chosen so the range holds at most the point cap when absent. */
  step: z.union([PromDurationSchema, z.number().positive().max(86_400)]).optional(),
});
export type QueryRequest = z.infer<typeof QueryRequestSchema>;

/** `get_service_usage { service }`: one service's usage, limits and sizing advice over a window. */
export const ServiceUsageRequestSchema = z.strictObject({
  service: ServiceRefSchema,
  window: AnalyzeWindowSchema.default(ANALYZE_WINDOW_DEFAULT),
});
