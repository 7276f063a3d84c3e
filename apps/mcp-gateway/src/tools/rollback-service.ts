import { z } from 'zod';
import { request } from '@swarmops/bus';
import {
  DeployerRpc,
  InventoryRpc,
  Role,
  ServiceChangeDataSchema,
  ServiceRefSchema,
} from '@swarmops/contracts';
import { MutationArgsShape, deployerOptions, mutate, serviceStack } from './deployer-calls.js';
import { renderServiceChange } from './render-service-change.js';
import { defineTool } from './tool.js';

export const rollbackService = defineTool({
  name: 'rollback_service',
  title: 'Roll back a service',
  description:
    "Return one service to its previous spec (Swarm's own rollback: the spec before the last update, image " +
    'included) and wait until it converged, with progress notifications. Use it when the last update of a ' +
    'service misbehaves. Calling it twice swaps back to the newer spec. To return a whole stack to a recorded ' +
    'version use rollback_stack. `service` is the full name (e.g. `shop_api`) or id. Returns `{ deploymentId, ' +
    'status, service, image, replicas, error? }`.',
  input: z.strictObject({
    service: ServiceRefSchema.describe('Service name (e.g. `shop_api`) or id.'),
    ...MutationArgsShape,
  }),
  output: ServiceChangeDataSchema,
  // Replaces running tasks; a second call swaps back, so it is not idempotent.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  requiredRole: Role.operator,
  calls: [DeployerRpc.serviceRollback.subject, InventoryRpc.servicesGet.subject],
  resolveStack: (args, ctx) => serviceStack(ctx, args.service),
  run: (args, ctx) => {
    const { confirm: _confirm, ...rest } = args;
    return mutate(ctx, rest, (ids) =>
      request(ctx.nc, DeployerRpc.serviceRollback, { ...rest, ...ids }, deployerOptions(ctx, rest)),
    );
  },
  render: (d) => renderServiceChange('rollback', d),
});
