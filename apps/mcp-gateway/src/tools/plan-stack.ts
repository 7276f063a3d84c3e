import { z } from 'zod';
import { request } from '@swarmops/bus';
import {
  ComposeEnvSchema,
  ComposeTextSchema,
  DeployerRpc,
  PlanSchema,
  Role,
  StackNameSchema,
} from '@swarmops/contracts';
import { DEPLOYER_ACCEPT_TIMEOUT_MS, auditCompose } from './deployer-calls.js';
import { renderPlan } from './render-deployment.js';
import { bound } from './render.js';
import { READ_ONLY, defineTool } from './tool.js';

export const planStack = defineTool({
  name: 'plan_stack',
  title: 'Plan a stack deploy',
  description:
    'Compare a compose file with the live stack and return the plan, changing nothing: every service, network, ' +
    'config and secret to create, update or remove, the changed fields of each (Docker spec paths with old and ' +
    'new values; secret values never appear), which updates restart tasks, and warnings (unsupported keys, ' +
    'allowed policy exceptions). Use it before deploy_stack to show the user what will change. A file that is ' +
    'invalid or breaks policy is refused with the key named.',
  input: z.strictObject({
    name: StackNameSchema.describe('Stack name, e.g. `shop`.'),
    compose: ComposeTextSchema.describe('The compose file (YAML text).'),
    env: ComposeEnvSchema.optional().describe('Values for `${VAR}` interpolation. Never echoed or logged.'),
  }),
  output: PlanSchema,
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [DeployerRpc.stackPlan.subject],
  stackOf: (args) => args.name,
  auditArguments: auditCompose,
  run: (args, ctx) =>
    request(ctx.nc, DeployerRpc.stackPlan, args, {
      timeoutMs: Math.max(ctx.timeoutMs, DEPLOYER_ACCEPT_TIMEOUT_MS),
      signal: ctx.signal,
    }),
  render: (plan) =>
    bound([...renderPlan(plan), 'Every field change in structuredContent.changes.'].join('\n')),
});
