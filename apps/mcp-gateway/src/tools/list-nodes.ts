import { z } from 'zod';
import { request } from '@swarmops/bus';
import { InventoryRpc, Role } from '@swarmops/contracts';
import type { Node } from '@swarmops/contracts';
import { TOOL_PAGE_DEFAULT, ToolPageShape, toolPageSchema } from './paging.js';
import { gib, renderLabels, renderList } from './render.js';
import { READ_ONLY, busOptions, defineTool } from './tool.js';

/** The fixed item shape of `list_nodes` (DESIGN.md, "Interfaces that are fixed"). */
export const NodeItemSchema = z.object({
  id: z.string(),
  hostname: z.string(),
  ipAddress: z.string(),
  role: z.enum(['manager', 'worker']),
  status: z.enum(['ready', 'down', 'unknown']),
  availability: z.enum(['active', 'pause', 'drain']),
  resources: z.object({
    cpus: z.number().describe('CPUs the node offers the scheduler (may be fractional).'),
    memoryBytes: z.number().int().describe('Memory the node offers, in bytes.'),
  }),
  labels: z.record(z.string(), z.string()),
});

/** Projects an inventory node onto the fixed tool item. */
export function toNodeItem(node: Node): z.infer<typeof NodeItemSchema> {
  const { id, hostname, ipAddress, role, status, availability, resources, labels } = node;
  return { id, hostname, ipAddress, role, status, availability, resources, labels };
}

export const listNodes = defineTool({
  name: 'list_nodes',
  title: 'List swarm nodes',
  description:
    'List the nodes of the Docker Swarm cluster with their role (manager/worker), status (ready/down/unknown), ' +
    'availability (active/pause/drain), IP address, CPUs, memory and labels. Use it to see what machines the ' +
    'cluster has, to find down or drained nodes, or before placing workloads. Filter with `role` and `status`. ' +
    'Returns `{ items, nextCursor }`; when nextCursor is not null, call again with `cursor` for the next page.',
  input: z.strictObject({
    role: z.enum(['manager', 'worker']).optional().describe('Only nodes of this role.'),
    status: z.enum(['ready', 'down', 'unknown']).optional().describe('Only nodes in this status.'),
    ...ToolPageShape,
  }),
  output: toolPageSchema(NodeItemSchema),
  annotations: READ_ONLY,
  requiredRole: Role.viewer,
  calls: [InventoryRpc.nodesList.subject],
  async run(args, ctx) {
    const page = await request(
      ctx.nc,
      InventoryRpc.nodesList,
      { ...args, limit: args.limit ?? TOOL_PAGE_DEFAULT },
      busOptions(ctx),
    );
    return { items: page.items.map(toNodeItem), nextCursor: page.nextCursor };
  },
  render: (page) =>
    renderList(
      'nodes',
      page,
      (n) =>
        `${n.hostname} (${n.id.slice(0, 12)}) ${n.role} ${n.status}/${n.availability} ip ${n.ipAddress}` +
        ` cpus ${n.resources.cpus} mem ${gib(n.resources.memoryBytes)}${renderLabels(n.labels)}`,
    ),
});
