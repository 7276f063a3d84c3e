import { z } from 'zod';
import { request } from '@swarmops/bus';
import { InventoryRpc, Role, StackSchema } from '@swarmops/contracts';
import { inScope } from '../mcp/ports.js';
import { TOOL_PAGE_DEFAULT, ToolPageShape, toolPageSchema } from './paging.js';
import { renderList } from './render.js';
import { READ_ONLY, busOptions, defineTool } from './tool.js';

export const listStacks = defineTool({
  name: 'list_stacks',
  title: 'List stacks',
  description:
    'List the stacks deployed on the swarm (groups of services from one compose file) with their services, ' +
    'and, when the deployer recorded them, version and deploy time. Use it to see what applications run ' +
    'before inspecting or changing one. Returns `{ items, nextCursor }`; page with `cursor`. A token scoped ' +
    'to stacks only sees those stacks.',
  input: z.strictObject({ ...ToolPageShape }),
  output: toolPageSchema(StackSchema),
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [InventoryRpc.stacksList.subject],
  async run(args, ctx) {
    const page = await request(
      ctx.nc,
      InventoryRpc.stacksList,
      { ...args, limit: args.limit ?? TOOL_PAGE_DEFAULT },
      busOptions(ctx),
    );
    return { items: page.items.filter((s) => inScope(ctx.principal, s.name)), nextCursor: page.nextCursor };
  },
  render: (page) =>
    renderList(
      'stacks',
      page,
      (s) =>
        `${s.name}: ${s.services.length} services (${s.services.slice(0, 8).join(', ')}${s.services.length > 8 ? ', …' : ''})` +
        `${s.version == null ? '' : ` version ${s.version}`}`,
    ),
});
