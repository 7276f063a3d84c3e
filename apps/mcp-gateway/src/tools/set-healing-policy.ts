import { z } from 'zod';
import { request } from '@swarmops/bus';
import {
  HealableCheckIdSchema,
  HealingModeSchema,
  HealingPolicySchema,
  HealthRpc,
  Role,
  StackNameSchema,
} from '@swarmops/contracts';
import type { HealableCheckId } from '@swarmops/contracts';
import { clusterWideForbidden } from './health-calls.js';
import { busOptions, defineTool } from './tool.js';

const WHAT_IT_DOES: Record<HealableCheckId, string> = {
  'service.update': 'force-update (`docker service update --force`) every service whose update is paused',
  'service.healthcheck': 'restart every service whose tasks have all been unhealthy for `afterMinutes`',
  'node.flapping': 'drain every node whose status keeps flapping (never the last manager or below quorum)',
};

export const setHealingPolicy = defineTool({
  name: 'set_healing_policy',
  title: 'Set a self-healing policy',
  description:
    'Turn self-healing for one check `off`, to `dry-run` (record and announce what would be done, change ' +
    'nothing) or `on` (act through the deployer). `service.update` → force-update a service whose update is ' +
    'paused; `service.healthcheck` → restart a service whose tasks have all been unhealthy for `afterMinutes` ' +
    '(default 5); `node.flapping` → drain a flapping node. Guardrails always apply: at most `maxPerHour` ' +
    '(default 3) actions of this policy per hour plus a global cap, nothing during a running deployment, never ' +
    'drain the last manager or below quorum. Every decision is audited; list_healing_actions shows them. Try ' +
    '`dry-run` first. `stacks` limits a service policy to those stacks. Turning a policy `on` asks the user to confirm (or needs `confirm: true` after the user ' +
    'agreed when the client cannot ask). Admin only. Returns the stored policy.',
  input: z.strictObject({
    checkId: HealableCheckIdSchema.describe('The check whose failures the policy repairs.'),
    mode: HealingModeSchema.describe('`off` (default of every check), `dry-run` or `on`.'),
    afterMinutes: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .optional()
      .describe(
        '`service.healthcheck`: minutes every task must have been unhealthy before a restart (1-1440).',
      ),
    maxPerHour: z
      .number()
      .int()
      .min(1)
      .max(60)
      .optional()
      .describe('Most actions of this policy per hour (1-60).'),
    stacks: z
      .array(StackNameSchema)
      .min(1)
      .max(50)
      .optional()
      .describe(
        'Repair only services of these stacks (1-50 names). Absent: every stack and services outside stacks; ' +
          'setting the policy again without `stacks` clears the limit. Not for `node.flapping`.',
      ),
    confirm: z
      .boolean()
      .optional()
      .describe(
        'Set true only after the user agreed to turn the policy `on`, when the client cannot ask them.',
      ),
  }),
  output: HealingPolicySchema,
  // Turning a policy on lets health restart services and drain nodes on its own.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  requiredRole: Role.admin,
  calls: [HealthRpc.policySet.subject],
  resolveStack: (_args, ctx) =>
    Promise.reject(clusterWideForbidden('a healing policy', ctx.principal.stacks)),
  confirmation: (args) =>
    args.mode === 'on'
      ? `Turn self-healing on for ${args.checkId}? Health will ${WHAT_IT_DOES[args.checkId]}` +
        `${args.stacks === undefined ? '' : ` in stacks ${args.stacks.join(', ')}`} on its own, through the deployer.`
      : undefined,
  run: (args, ctx) => {
    const { confirm: _confirm, ...rest } = args;
    return request(ctx.nc, HealthRpc.policySet, { ...rest, requestedBy: ctx.principal.id }, busOptions(ctx));
  },
  render: (p) =>
    `${p.checkId}: ${p.mode} (${p.action}, after ${p.afterMinutes} min, at most ${p.maxPerHour} per hour` +
    `${p.stacks === null ? '' : `, stacks ${p.stacks.join(', ')}`}; ` +
    `set by ${p.updatedBy ?? 'unknown'} at ${p.updatedAt})`,
});
