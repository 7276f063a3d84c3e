import { z } from 'zod';
import { request } from '@swarmops/bus';
import { DeployerRpc, InventoryRpc, Role, ServiceRefSchema } from '@swarmops/contracts';
import { MutationArgsShape, deployerOptions, mutate, serviceStack } from './deployer-calls.js';
import { defineTool } from './tool.js';

/** The fixed `scale_service` output (DESIGN.md), plus the deployment id to follow it by. */
export const ScaleServiceOutputSchema = z.object({
  service: z.string(),
  replicas: z.object({ desired: z.number().int().nonnegative(), running: z.number().int().nonnegative() }),
  converged: z.boolean().describe('True when running == desired once the call returned.'),
  deploymentId: z.uuid().optional().describe('The deployment record of this change, for get_deployment.'),
});

export const scaleService = defineTool({
  name: 'scale_service',
  title: 'Scale a service',
  description:
    'Set the number of replicas of a replicated service (`service` is its full name like `shop_api`, or its id) ' +
    'and wait until running == desired, with progress notifications. Use it to add capacity or to shrink. ' +
    'Scaling to 0 stops every task and asks the user to confirm (or needs `confirm: true` after the user ' +
    'agreed when the client cannot ask). Returns `{ service, replicas: { desired, running }, converged, ' +
    'deploymentId }`.',
  input: z.strictObject({
    service: ServiceRefSchema.describe('Service name (e.g. `shop_api`) or id.'),
    replicas: z.number().int().min(0).max(1000).describe('Desired replicas, 0-1000.'),
    ...MutationArgsShape,
  }),
  output: ScaleServiceOutputSchema,
  // Scaling down stops running tasks.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  requiredRole: Role.operator,
  calls: [DeployerRpc.serviceScale.subject, InventoryRpc.servicesGet.subject],
  resolveStack: (args, ctx) => serviceStack(ctx, args.service),
  confirmation: (args) =>
    args.replicas === 0
      ? `Scale service "${args.service}" to 0 replicas? Every task stops and it serves nothing until scaled up.`
      : undefined,
  async run(args, ctx) {
    const { confirm: _confirm, ...rest } = args;
    const data = await mutate(ctx, rest, (ids) =>
      request(ctx.nc, DeployerRpc.serviceScale, { ...rest, ...ids }, deployerOptions(ctx, rest)),
    );
    const { service, replicas, converged, deploymentId } = data;
    return { service, replicas, converged, deploymentId };
  },
  render: (r) =>
    `${r.service}: ${r.replicas.running}/${r.replicas.desired} running, ` +
    (r.converged
      ? 'converged'
      : `not converged yet (call get_deployment { id: "${r.deploymentId ?? '?'}" } to follow)`),
});
