import { z } from 'zod';
import { request } from '@swarmops/bus';
import {
  DeployerRpc,
  InventoryRpc,
  Role,
  ServiceChangeDataSchema,
  ServiceRefSchema,
  ServiceUpdateRequestSchema,
} from '@swarmops/contracts';
import {
  MutationArgsShape,
  REPLACES_TASKS,
  deployerOptions,
  mutate,
  serviceStack,
} from './deployer-calls.js';
import { renderServiceChange } from './render-service-change.js';
import { defineTool } from './tool.js';

export const updateServiceImage = defineTool({
  name: 'update_service_image',
  title: 'Update a service image',
  description:
    "Roll one service to a new image (e.g. `registry.example.com/api:1.4.2`) with the service's update policy " +
    '(start-first and automatic rollback on failure by default), and wait until the new tasks run healthy. ' +
    'Reports `succeeded`, `failed` or `rolled-back` with the image now running and the replicas, plus progress ' +
    'notifications. Use it for a quick image bump; use deploy_stack to change anything else. `service` is the ' +
    'full name (e.g. `shop_api`) or id. Returns `{ deploymentId, status, service, image, replicas, error? }`.',
  input: z.strictObject({
    service: ServiceRefSchema.describe('Service name (e.g. `shop_api`) or id.'),
    image: ServiceUpdateRequestSchema.shape.image.describe('The new image reference.'),
    ...MutationArgsShape,
  }),
  output: ServiceChangeDataSchema,
  annotations: REPLACES_TASKS,
  requiredRole: Role.operator,
  calls: [DeployerRpc.serviceUpdate.subject, InventoryRpc.servicesGet.subject],
  resolveStack: (args, ctx) => serviceStack(ctx, args.service),
  run: (args, ctx) => {
    const { confirm: _confirm, ...rest } = args;
    return mutate(ctx, rest, (ids) =>
      request(ctx.nc, DeployerRpc.serviceUpdate, { ...rest, ...ids }, deployerOptions(ctx, rest)),
    );
  },
  render: (d) => renderServiceChange('update', d),
});
