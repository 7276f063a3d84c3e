import { z } from 'zod';
import { request } from '@swarmops/bus';
import { InventoryRpc, Role, TaskSchema, TaskStateSchema } from '@swarmops/contracts';
import { assertInScope } from '../mcp/ports.js';
import { TOOL_PAGE_DEFAULT, ToolPageShape, nameArg, toolPageSchema } from './paging.js';
import { renderList } from './render.js';
import { READ_ONLY, busOptions, defineTool } from './tool.js';
import type { ToolContext } from './tool.js';

/** Ids of the services a stack-scoped principal may see. */
async function visibleServiceIds(ctx: ToolContext, stacks: readonly string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const stack of stacks) {
    const page = await request(ctx.nc, InventoryRpc.servicesList, { stack, limit: 1000 }, busOptions(ctx));
    for (const s of page.items) ids.add(s.id);
  }
  return ids;
}

export const listTasks = defineTool({
  name: 'list_tasks',
  title: 'List swarm tasks',
  description:
    'List swarm tasks (the containers the scheduler placed): service, node, slot, observed state, desired state, ' +
    'message and error. Use it to see where a service runs, to find failed, rejected or pending tasks, or what ' +
    'runs on a node. Filter by `service` (id or name), `node` (id or hostname) and `state` (e.g. running, ' +
    'failed, rejected, pending). Returns `{ items, nextCursor }`; page with `cursor`.',
  input: z.strictObject({
    service: nameArg('Service id or name.').optional(),
    node: nameArg('Node id or hostname.').optional(),
    state: TaskStateSchema.optional().describe('Only tasks in this observed state.'),
    ...ToolPageShape,
  }),
  output: toolPageSchema(TaskSchema),
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [
    InventoryRpc.tasksList.subject,
    InventoryRpc.servicesGet.subject,
    InventoryRpc.servicesList.subject,
  ],
  async run(args, ctx) {
    const { stacks } = ctx.principal;
    if (stacks !== null && args.service !== undefined) {
      const detail = await request(ctx.nc, InventoryRpc.servicesGet, { id: args.service }, busOptions(ctx));
      assertInScope(ctx.principal, detail.service.stack, `service ${args.service}`);
    }
    const page = await request(
      ctx.nc,
      InventoryRpc.tasksList,
      { ...args, limit: args.limit ?? TOOL_PAGE_DEFAULT },
      busOptions(ctx),
    );
    if (stacks === null || args.service !== undefined) return page;
    const visible = await visibleServiceIds(ctx, stacks);
    return { items: page.items.filter((t) => visible.has(t.serviceId)), nextCursor: page.nextCursor };
  },
  render: (page) =>
    renderList(
      'tasks',
      page,
      (t) =>
        `${t.id.slice(0, 12)} ${t.serviceName ?? t.serviceId.slice(0, 12)}${t.slot === null ? '' : `.${t.slot}`}` +
        ` on ${t.nodeId?.slice(0, 12) ?? '(unassigned)'} ${t.state} (want ${t.desiredState})` +
        `${t.error === null ? '' : ` error: ${t.error}`}`,
    ),
});
