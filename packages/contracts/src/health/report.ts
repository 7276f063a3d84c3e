import { z } from 'zod';
import { TimestampSchema } from '../model/common.js';
import { CheckResultSchema } from './check.js';

/** The verdict over all checks: any critical `fail` → unhealthy; any other `fail` or `warn` → degraded. */
export const HealthStatus = { healthy: 'healthy', degraded: 'degraded', unhealthy: 'unhealthy' } as const;
export type HealthStatus = (typeof HealthStatus)[keyof typeof HealthStatus];
export const HealthStatusSchema = z.enum(['healthy', 'degraded', 'unhealthy']);

/** What a run covers. `target` names the node, service or stack (absent for `cluster`). */
export const HealthScopeSchema = z.enum(['cluster', 'node', 'service', 'stack']);
export type HealthScope = z.infer<typeof HealthScopeSchema>;

/** Why a run happened. */
export const HealthTriggerSchema = z.enum(['interval', 'on-demand', 'event']);
export type HealthTrigger = z.infer<typeof HealthTriggerSchema>;

/**
 * One stored run. The first four fields are the fixed `execute_health_check` answer; the rest say which
 * run it was and how long it took.
 */
export const HealthReportSchema = z.object({
  status: HealthStatusSchema,
  checkedAt: TimestampSchema,
  checks: z.array(CheckResultSchema),
  reportId: z.uuid(),
  scope: HealthScopeSchema,
  target: z.string().nullable(),
  trigger: HealthTriggerSchema,
  durationMs: z.number().nonnegative(),
  counts: z.object({
    ok: z.number().int().nonnegative(),
    warn: z.number().int().nonnegative(),
    fail: z.number().int().nonnegative(),
  }),
});
export type HealthReport = z.infer<typeof HealthReportSchema>;

/** A report in history lists: everything but the checks that passed. */
export const HealthReportSummarySchema = HealthReportSchema.omit({ checks: true }).extend({
  /** The checks that were `warn` or `fail`. */
  problems: z.array(CheckResultSchema),
});
export type HealthReportSummary = z.infer<typeof HealthReportSummarySchema>;
