import { z } from 'zod';
import { SeveritySchema } from '../health/check.js';

/** What an insight is about; the fixed `analyze_metrics` `kind` values. */
export const InsightKind = {
  /** A service or node that uses the most CPU or memory in the window. */
  topConsumer: 'top-consumer',
  /** Usage against the service's limits and reservations, or a node's capacity. */
  saturation: 'saturation',
  /** A recent window far from its baseline (robust z-score: median and MAD). */
  anomaly: 'anomaly',
  /** Reservations and limits from p95 usage plus headroom. */
  rightSizing: 'right-sizing',
  /** A linear trend reaching a limit (disk, memory) soon. */
  capacity: 'capacity',
  /** A metric that shifted right after a deployment in the deployer's history. */
  correlation: 'correlation',
  /** Tasks that keep failing and restarting. */
  errors: 'errors',
} as const;
export type InsightKind = (typeof InsightKind)[keyof typeof InsightKind];
export const InsightKindSchema = z.enum([
  'top-consumer',
  'saturation',
  'anomaly',
  'right-sizing',
  'capacity',
  'correlation',
  'errors',
]);

/** The numbers behind an insight: every PromQL query used and the values read, never raw series dumps. */
export const InsightEvidenceSchema = z.object({
  /** The PromQL queries the insight was computed from, runnable as they are in query_metrics. */
  promql: z.array(z.string().min(1)).min(1),
  /** Named numbers (e.g. `cpuCores`, `p95Bytes`, `zScore`, `hoursUntilFull`); null when not known. */
  values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  /** The deployment a correlation points at. */
  deploymentId: z.uuid().optional(),
});
export type InsightEvidence = z.infer<typeof InsightEvidenceSchema>;

/**
 * One ranked finding of `analyze_metrics`: the fixed fields `kind`, `severity`, `subject`, `summary`,
 * `evidence`, `recommendation`. `subject` reads like `service shop_api`, `node worker-1`, `stack shop`.
 */
export const InsightSchema = z.object({
  kind: InsightKindSchema,
  severity: SeveritySchema,
  subject: z.string().min(1).max(300),
  /** One sentence a person can act on. */
  summary: z.string().min(1),
  evidence: InsightEvidenceSchema,
  /** What to do, in words or as a command / compose snippet. */
  recommendation: z.string().min(1),
});
export type Insight = z.infer<typeof InsightSchema>;
