import { z } from 'zod';
import { request } from '@swarmops/bus';
import { InventoryRpc, Role, ServiceSchema } from '@swarmops/contracts';
import { inScope } from '../mcp/ports.js';
import { TOOL_PAGE_DEFAULT, ToolPageShape, nameArg, toolPageSchema } from './paging.js';
import { renderList } from './render.js';
import { READ_ONLY, busOptions, defineTool } from './tool.js';

export const listServices = defineTool({
  name: 'list_services',
  title: 'List swarm services',
  description:
    'List the services running on the swarm: image, mode, desired and running replicas, stack, ports and labels. ' +
    'Use it to get an overview of workloads, to find services whose running replicas are below desired, or to ' +
    'find a service id/name before calling inspect_service. Filter by `stack`, by a substring of the `name`, ' +
    'or by `label` (`key` or `key=value`). Returns `{ items, nextCursor }`; page with `cursor`. ' +
    'A token scoped to stacks only sees services of those stacks.',
  input: z.strictObject({
    stack: nameArg('Only services of this stack.').optional(),
    name: nameArg('Only services whose name contains this text.').optional(),
    label: z.string().min(1).max(512).optional().describe('A label filter: `key` or `key=value`.'),
    ...ToolPageShape,
  }),
  output: toolPageSchema(ServiceSchema),
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [InventoryRpc.servicesList.subject],
  stackOf: (args) => args.stack,
  async run(args, ctx) {
    const page = await request(
      ctx.nc,
      InventoryRpc.servicesList,
      { ...args, limit: args.limit ?? TOOL_PAGE_DEFAULT },
      busOptions(ctx),
    );
    return { items: page.items.filter((s) => inScope(ctx.principal, s.stack)), nextCursor: page.nextCursor };
  },
  render: (page) =>
    renderList(
      'services',
      page,
      (s) =>
        `${s.name} (${s.id.slice(0, 12)}) ${s.mode} ${s.replicas.running}/${s.replicas.desired} running` +
        ` image ${s.image}${s.stack === null ? '' : ` stack ${s.stack}`}`,
    ),
});
