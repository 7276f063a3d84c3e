import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { StdioServerHandle } from '@modelcontextprotocol/server/stdio';
import { createGatewayServer } from '../mcp/create-server.js';
import type { GatewayDeps } from '../mcp/create-server.js';
import type { CallerPrincipal } from '../mcp/ports.js';
import { securityForBearer } from '../mcp/security.js';
import type { SecurityServices } from '../mcp/security.js';

/**
 * Serves MCP on this process's stdin/stdout for one client (Claude Desktop, Claude Code). The
 * token is checked before anything is served (a bad token fails start-up), then again on every
 * call. Nothing but protocol messages is ever written to stdout.
 */
export async function startStdio(
  deps: GatewayDeps,
  services: SecurityServices,
  token: string,
  onerror: (err: Error) => void,
): Promise<{ principal: CallerPrincipal; handle: StdioServerHandle }> {
  const principal = await services.authenticate(token);
  const security = securityForBearer(services, token);
  const handle = serveStdio(() => createGatewayServer(deps, security), { onerror });
  return { principal, handle };
}
