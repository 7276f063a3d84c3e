import { z } from 'zod';
import { TimestampSchema } from '../model/common.js';
import { CheckIdSchema } from './check.js';

/** What a healing policy does when its check fails: nothing, report the plan, or act. */
export const HealingMode = { off: 'off', dryRun: 'dry-run', on: 'on' } as const;
export type HealingMode = (typeof HealingMode)[keyof typeof HealingMode];
export const HealingModeSchema = z.enum(['off', 'dry-run', 'on']);

/** The repairs health can ask the deployer for. */
export const HealingAction = {
  /** `docker service update --force` on a service whose update is paused. */
  forceUpdate: 'force-update',
  /** Restart (force-update) a service whose tasks have all been unhealthy for `afterMinutes`. */
  restartService: 'restart-service',
  /** Drain a node whose status flapped `flaps` times within `windowMinutes`. */
  drainNode: 'drain-node',
} as const;
export type HealingAction = (typeof HealingAction)[keyof typeof HealingAction];
export const HealingActionSchema = z.enum(['force-update', 'restart-service', 'drain-node']);

/** Which action repairs which check. A policy is set per check. */
export const HEALING_ACTION_FOR_CHECK = {
  'service.update': 'force-update',
  'service.healthcheck': 'restart-service',
  'node.flapping': 'drain-node',
} as const satisfies Record<string, HealingAction>;

/** One policy. Off unless set. */
export const HealingPolicySchema = z.object({
  checkId: CheckIdSchema,
  mode: HealingModeSchema,
  action: HealingActionSchema,
  /** `restart-service`: minutes all tasks must have been unhealthy. */
  afterMinutes: z.number().int().min(1).max(1440).default(5),
  /** Most actions of this policy per rolling hour (the global cap `HEALTH_HEALING_MAX_PER_HOUR` also applies). */
  maxPerHour: z.number().int().min(1).max(60).default(3),
  /** The stacks whose services the policy repairs; null: every stack and the services outside any stack. */
  stacks: z.array(z.string()).nullable().default(null),
  updatedBy: z.string().nullable(),
  updatedAt: TimestampSchema,
});
export type HealingPolicy = z.infer<typeof HealingPolicySchema>;

/** What became of one healing decision. */
export const HealingOutcomeSchema = z.enum(['planned', 'executed', 'failed', 'refused']);
export type HealingOutcome = z.infer<typeof HealingOutcomeSchema>;

/** A healing decision, kept and announced as an event: what, why, and what happened. */
export const HealingRecordSchema = z.object({
  id: z.uuid(),
  checkId: CheckIdSchema,
  subject: z.string(),
  action: HealingActionSchema,
  mode: HealingModeSchema,
  outcome: HealingOutcomeSchema,
  /** For `refused`: the guardrail that stopped it; for `failed`: the error. */
  reason: z.string().nullable(),
  deploymentId: z.uuid().nullable(),
  at: TimestampSchema,
});
export type HealingRecord = z.infer<typeof HealingRecordSchema>;
