import { z } from 'zod';
import { request } from '@swarmops/bus';
import { InventoryRpc, Role, StackSchema } from '@swarmops/contracts';
import { nameArg } from './paging.js';
import { bound } from './render.js';
import { READ_ONLY, busOptions, defineTool } from './tool.js';

export const inspectStack = defineTool({
  name: 'inspect_stack',
  title: 'Inspect a stack',
  description:
    'Show one stack: its services and, when the deployer recorded a deployment, its compose file, version and ' +
    'deploy time. Use it to review what a stack runs before planning a change. `name` is the stack name.',
  input: z.strictObject({ name: nameArg('Stack name.') }),
  output: StackSchema,
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [InventoryRpc.stacksGet.subject],
  stackOf: (args) => args.name,
  run: (args, ctx) => request(ctx.nc, InventoryRpc.stacksGet, { name: args.name }, busOptions(ctx)),
  render: (s) =>
    bound(
      [
        `stack ${s.name}: ${s.services.length} services`,
        ...s.services.slice(0, 25).map((name) => `- ${name}`),
        s.version == null ? 'no recorded deployment' : `version ${s.version} deployed ${s.deployTime ?? '?'}`,
        s.composeFile == null ? '' : 'compose file in structuredContent.composeFile',
      ]
        .filter((l) => l !== '')
        .join('\n'),
    ),
});
