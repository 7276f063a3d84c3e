import { z } from 'zod';
import { request } from '@swarmops/bus';
import {
  CanaryOptionsSchema,
  ComposeEnvSchema,
  ComposeTextSchema,
  DeployStackDataSchema,
  DeployerRpc,
  Role,
  StackNameSchema,
  StrategySchema,
} from '@swarmops/contracts';
import {
  MutationArgsShape,
  REPLACES_TASKS,
  auditCompose,
  deployerOptions,
  mutate,
} from './deployer-calls.js';
import { renderStackDeployment } from './render-deployment.js';
import { defineTool } from './tool.js';

/** The fixed `deploy_stack` output (DESIGN.md), plus `error` when it failed or rolled back. */
export const DeployStackOutputSchema = DeployStackDataSchema;

export const deployStack = defineTool({
  name: 'deploy_stack',
  title: 'Deploy a stack',
  description:
    'Deploy a Docker Compose file as a swarm stack (create it, or update it to this file), the way ' +
    '`docker stack deploy` names things. Waits until every service converged and reports the truth: ' +
    '`succeeded`, `failed` or `rolled-back` (a failed update is rolled back automatically), with desired vs ' +
    'running replicas per service and progress notifications while it runs. `strategy` picks how new versions ' +
    'replace old ones: `rolling` (default, start-first), `blue-green` or `canary` (see `canary`). Use ' +
    '`dryRun: true` (or plan_stack) first to see the field-level plan; it changes nothing and returns status ' +
    '`planned` with `plan`. `env` fills `${VAR}` / `${VAR:-default}` in the file. Only one deployment runs per ' +
    'stack: a second gets CONFLICT naming the running one. Returns `{ deploymentId, status, stack, version, ' +
    'services, plan?, error? }`.',
  input: z.strictObject({
    name: StackNameSchema.describe('Stack name, e.g. `shop`; services become `<name>_<service>`.'),
    compose: ComposeTextSchema.describe('The compose file (YAML text).'),
    env: ComposeEnvSchema.optional().describe('Values for `${VAR}` interpolation. Never echoed or logged.'),
    strategy: StrategySchema.optional().describe(
      '`rolling` (default), `blue-green` (new version beside the old, then switch) or `canary`.',
    ),
    canary: CanaryOptionsSchema.optional().describe(
      'Canary settings: replicas (default 1), windowSeconds (default 30), optional prometheusQuery/prometheusMax.',
    ),
    dryRun: z.boolean().optional().describe('Return the plan (status `planned`) and change nothing.'),
    ...MutationArgsShape,
  }),
  output: DeployStackOutputSchema,
  annotations: REPLACES_TASKS,
  requiredRole: Role.operator,
  calls: [DeployerRpc.stackDeploy.subject],
  stackOf: (args) => args.name,
  auditArguments: auditCompose,
  async run(args, ctx) {
    const { confirm: _confirm, ...rest } = args;
    const dryRun = rest.dryRun === true;
    const options = { ...rest, wait: rest.wait && !dryRun };
    return mutate(ctx, options, (ids) =>
      request(ctx.nc, DeployerRpc.stackDeploy, { ...rest, ...ids }, deployerOptions(ctx, options)),
    );
  },
  render: (d) => renderStackDeployment(d.status === 'planned' ? 'plan of' : 'deploy', d),
});
