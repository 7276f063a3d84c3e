import { z } from 'zod';
import { CheckResultSchema, CheckStatusSchema } from './check.js';
import { HealthStatusSchema } from './report.js';

/** Every event type health emits. */
export const HealthEventType = {
  /** The verdict left `healthy` (or got worse). */
  degraded: 'health.degraded',
  /** The verdict is `healthy` again. */
  recovered: 'health.recovered',
  /** A check entered `fail`. */
  checkFailed: 'health.check.failed',
  /** A check left `fail` (to ok or warn), or its subject is gone. */
  checkRecovered: 'health.check.recovered',
  /** A healing decision: planned (dry-run), executed, failed or refused by a guardrail. */
  healingAction: 'health.healing.action',
} as const;
export type HealthEventType = (typeof HealthEventType)[keyof typeof HealthEventType];

/** `data` of `health.degraded` / `health.recovered`. */
export const HealthVerdictEventDataSchema = z.object({
  reportId: z.uuid(),
  status: HealthStatusSchema,
  previous: HealthStatusSchema.nullable(),
  /** The failing and warning checks of the report. */
  problems: z.array(CheckResultSchema),
});

/** `data` of `health.check.failed` / `health.check.recovered`. */
export const HealthCheckEventDataSchema = z.object({
  reportId: z.uuid(),
  check: CheckResultSchema,
  previous: CheckStatusSchema.nullable(),
  /** `gone` when the subject no longer exists (the check recovered by disappearing). */
  reason: z.enum(['changed', 'gone']).default('changed'),
});
