import { z } from 'zod';
import { InsightSchema } from './insight.js';

/** `analyze_metrics` → `{ window, insights }` (the fixed tool fields). */
export const AnalyzeDataSchema = z.object({
  window: z.string(),
  insights: z.array(InsightSchema),
});
export type AnalyzeData = z.infer<typeof AnalyzeDataSchema>;

/** One series of a query result: its labels and `[unixSeconds, value]` points (NaN/Inf as strings). */
export const QuerySeriesSchema = z.object({
  labels: z.record(z.string(), z.string()),
  points: z.array(z.tuple([z.number(), z.union([z.number(), z.string()])])),
});

/** `query_metrics` result, bounded: `truncated` says series or points were cut at the caps. */
export const QueryDataSchema = z.object({
  resultType: z.enum(['vector', 'matrix', 'scalar', 'string']),
  series: z.array(QuerySeriesSchema),
  /** The query as run, with the resolved range (unix seconds) and step (seconds); start/step null for instant. */
  query: z.object({
    promql: z.string(),
    start: z.number().nullable(),
    end: z.number(),
    step: z.number().nullable(),
  }),
  points: z.number().int().nonnegative(),
  truncated: z.boolean(),
  warnings: z.array(z.string()).default([]),
});
export type QueryData = z.infer<typeof QueryDataSchema>;

const Stat = z.object({
  current: z.number().nullable(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  max: z.number().nullable(),
});

/** `get_service_usage` → one service's usage over the window, against its limits, with sizing advice. */
export const ServiceUsageSchema = z.object({
  service: z.string(),
  stack: z.string().nullable(),
  window: z.string(),
  replicas: z.object({ desired: z.number().nullable(), running: z.number().nullable() }),
  /** CPU in cores summed over the service's tasks (1 = one core busy). */
  cpu: Stat.extend({ limitCores: z.number().nullable(), reservationCores: z.number().nullable() }),
  /** Memory in bytes summed over the service's tasks; limits/reservations are per task. */
  memory: Stat.extend({ limitBytes: z.number().nullable(), reservationBytes: z.number().nullable() }),
  network: z.object({
    receiveBytesPerSecond: z.number().nullable(),
    transmitBytesPerSecond: z.number().nullable(),
  }),
  restarts: z.number().nullable(),
  /** Per-task reservations and limits from p95 usage plus headroom; null without enough data. */
  recommended: z
    .object({
      cpuReservationCores: z.number(),
      cpuLimitCores: z.number(),
      memoryReservationBytes: z.number(),
      memoryLimitBytes: z.number(),
    })
    .nullable(),
  insights: z.array(InsightSchema),
  /** Every PromQL query behind the numbers. */
  promql: z.array(z.string()),
});
export type ServiceUsage = z.infer<typeof ServiceUsageSchema>;
