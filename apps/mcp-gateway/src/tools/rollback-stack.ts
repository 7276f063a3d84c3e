import { z } from 'zod';
import { request } from '@swarmops/bus';
import {
  DeployStackDataSchema,
  DeployerRpc,
  Role,
  StackNameSchema,
  StrategySchema,
} from '@swarmops/contracts';
import { MutationArgsShape, REPLACES_TASKS, deployerOptions, mutate } from './deployer-calls.js';
import { renderStackDeployment } from './render-deployment.js';
import { defineTool } from './tool.js';

export const rollbackStack = defineTool({
  name: 'rollback_stack',
  title: 'Roll back a stack',
  description:
    'Re-apply the compose file recorded for an earlier `version` of a stack (see list_deployments or ' +
    'inspect_stack for versions), as a new deployment with the chosen strategy, and wait for the result: ' +
    '`succeeded`, `failed` or `rolled-back`, with replicas per service and progress notifications. Use it to ' +
    'undo a bad deploy of the whole stack. Returns `{ deploymentId, status, stack, version, services, error? }`.',
  input: z.strictObject({
    name: StackNameSchema.describe('Stack name.'),
    version: z.number().int().positive().describe('The recorded stack version to return to.'),
    strategy: StrategySchema.optional().describe('`rolling` (default), `blue-green` or `canary`.'),
    ...MutationArgsShape,
  }),
  output: DeployStackDataSchema,
  annotations: REPLACES_TASKS,
  requiredRole: Role.operator,
  calls: [DeployerRpc.stackRollback.subject],
  stackOf: (args) => args.name,
  run: (args, ctx) => {
    const { confirm: _confirm, ...rest } = args;
    return mutate(ctx, rest, (ids) =>
      request(ctx.nc, DeployerRpc.stackRollback, { ...rest, ...ids }, deployerOptions(ctx, rest)),
    );
  },
  render: (d) => renderStackDeployment('rollback', d),
});
