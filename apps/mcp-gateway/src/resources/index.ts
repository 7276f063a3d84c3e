import { ResourceTemplate } from '@modelcontextprotocol/server';
import type { McpServer, ServerContext } from '@modelcontextprotocol/server';
import { request } from '@swarmops/bus';
import { AppError, ErrorCode, InventoryRpc, Role } from '@swarmops/contracts';
import type { GatewayDeps } from '../mcp/create-server.js';
import { inScope } from '../mcp/ports.js';
import type { CallSecurity } from '../mcp/ports.js';
import { toNodeItem } from '../tools/list-nodes.js';

const JSON_MIME = 'application/json';

function json(uri: URL, value: unknown) {
  return { contents: [{ uri: uri.href, mimeType: JSON_MIME, text: JSON.stringify(value, null, 2) }] };
}

/**
 * `swarm://cluster`, `swarm://nodes` and `swarm://stacks/{name}`: read-only JSON views of what
 * inventory holds. Each read authenticates and needs the viewer role; a stack outside a scoped
 * token's stacks is refused.
 */
export function registerResources(mcp: McpServer, deps: GatewayDeps, security: CallSecurity): void {
  // Each read stops waiting on the bus when the client cancels it.
  const opts = (ctx: ServerContext) => ({ timeoutMs: deps.timeoutMs, signal: ctx.mcpReq.signal });
  const viewer = async (stack?: string) => {
    const principal = await security.authenticate();
    security.authorize(
      principal,
      stack === undefined ? { requiredRole: Role.viewer } : { requiredRole: Role.viewer, stack },
    );
    return principal;
  };
  mcp.registerResource(
    'cluster',
    'swarm://cluster',
    {
      title: 'Cluster summary',
      description: 'Counts of nodes, services, tasks and stacks; managers and leader; engine versions.',
      mimeType: JSON_MIME,
    },
    async (uri, ctx) => {
      await viewer();
      return json(uri, await request(deps.nc, InventoryRpc.clusterSummary, {}, opts(ctx)));
    },
  );
  mcp.registerResource(
    'nodes',
    'swarm://nodes',
    {
      title: 'Swarm nodes',
      description: 'Every node: role, status, availability, IP address, CPUs, memory, labels (first 1000).',
      mimeType: JSON_MIME,
    },
    async (uri, ctx) => {
      await viewer();
      const page = await request(deps.nc, InventoryRpc.nodesList, { limit: 1000 }, opts(ctx));
      return json(uri, { items: page.items.map(toNodeItem), nextCursor: page.nextCursor });
    },
  );
  mcp.registerResource(
    'stack',
    new ResourceTemplate('swarm://stacks/{name}', {
      list: async (ctx) => {
        const principal = await viewer();
        const page = await request(deps.nc, InventoryRpc.stacksList, { limit: 1000 }, opts(ctx));
        return {
          resources: page.items
            .filter((s) => inScope(principal, s.name))
            .map((s) => ({ uri: `swarm://stacks/${s.name}`, name: s.name, mimeType: JSON_MIME })),
        };
      },
    }),
    {
      title: 'A stack',
      description: 'One stack: its services, compose file, version and deploy time.',
      mimeType: JSON_MIME,
    },
    async (uri, variables, ctx) => {
      const name = variables.name;
      if (typeof name !== 'string' || name === '')
        throw new AppError(ErrorCode.INVALID_REQUEST, 'stack name missing');
      await viewer(name);
      return json(uri, await request(deps.nc, InventoryRpc.stacksGet, { name }, opts(ctx)));
    },
  );
}
