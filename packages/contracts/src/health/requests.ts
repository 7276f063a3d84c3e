import { z } from 'zod';
import { StackNameSchema } from '../deployer/requests.js';
import { ListRequestSchema } from '../paging.js';
import { CheckIdSchema } from './check.js';
import { HealingModeSchema } from './healing.js';
import { HealthScopeSchema, HealthStatusSchema } from './report.js';

// Requests are strict: an unknown field is refused with INVALID_REQUEST naming it.

const Name = z.string().min(1).max(255);

/**
 * `execute_health_check { scope?, target? }`. `target` names the node (id or hostname), service (name or
 * id) or stack, and is required unless the scope is `cluster`.
 */
export const CheckRunRequestSchema = z
  .strictObject({
    scope: HealthScopeSchema.default('cluster'),
    target: Name.optional(),
  })
  .superRefine((req, ctx) => {
    if (req.scope !== 'cluster' && req.target === undefined) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: `required when scope is \`${req.scope}\`` });
    }
    if (req.scope === 'cluster' && req.target !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'not allowed when scope is `cluster`' });
    }
  });

/** The newest report when `reportId` is absent. */
export const ReportsGetRequestSchema = z.strictObject({ reportId: z.uuid().optional() });

/** Stored reports, newest first. */
export const ReportsListRequestSchema = z.strictObject({
  ...ListRequestSchema.shape,
  status: HealthStatusSchema.optional(),
  /** Only reports checked at or after this time. */
  since: z.iso.datetime({ offset: true }).optional(),
  /** Only reports in which this check was `warn` or `fail`. */
  checkId: CheckIdSchema.optional(),
});

/** `diagnose_service { service }`: a service by full name (`shop_api`) or id. */
export const ServiceDiagnoseRequestSchema = z.strictObject({ service: Name });

/** The checks a healing policy can be set for (see `HEALING_ACTION_FOR_CHECK`). */
export const HealableCheckIdSchema = z.enum(['service.update', 'service.healthcheck', 'node.flapping']);
export type HealableCheckId = z.infer<typeof HealableCheckIdSchema>;

/** `set_healing_policy`: admins only. */
export const PolicySetRequestSchema = z
  .strictObject({
    checkId: HealableCheckIdSchema,
    mode: HealingModeSchema,
    afterMinutes: z.number().int().min(1).max(1440).optional(),
    maxPerHour: z.number().int().min(1).max(60).optional(),
    /**
     * Limits the policy to services of these stacks. Absent: every stack and the services outside any
     * stack (setting a policy again without `stacks` clears the limit). Refused for `node.flapping`: nodes
     * belong to no stack.
     */
    stacks: z.array(StackNameSchema).min(1).max(50).optional(),
    /** Who asked (the gateway passes the principal). */
    requestedBy: z.string().min(1).max(255).optional(),
  })
  .superRefine((req, ctx) => {
    if (req.checkId === 'node.flapping' && req.stacks !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['stacks'],
        message: 'not allowed for `node.flapping`: nodes belong to no stack',
      });
    }
  });

export const PolicyListRequestSchema = z.strictObject({});

/** Healing decisions, newest first. */
export const HealingListRequestSchema = z.strictObject({
  ...ListRequestSchema.shape,
  checkId: HealableCheckIdSchema.optional(),
});
