import { createMcpHandler } from '@modelcontextprotocol/server';
import type { McpServer } from '@modelcontextprotocol/server';
import { AppError, ErrorCode, toAppError } from '@swarmops/contracts';
import type { Hono } from 'hono';
import type { CallSecurity, CallerPrincipal } from '../mcp/ports.js';
import { securityForPrincipal } from '../mcp/security.js';
import type { SecurityServices } from '../mcp/security.js';
import { hostOriginCheck } from './host-origin.js';
import type { HostRule } from './host-origin.js';
import { bearerChallenge, bearerFromHeader } from '../auth/index.js';
import { PROTECTED_RESOURCE_PATH, protectedResourceMetadata } from './protected-resource.js';
import { peekJson, refusedToolCalls } from './unauthorized.js';
import { classifyForCancellation, createInFlightCalls } from './in-flight-calls.js';
import type { TrackedCall } from './in-flight-calls.js';

/** Options of {@link mountMcp}. */
export interface McpHttpOptions {
  services: SecurityServices;
  /** A fresh MCP server for one request, acting with `security`; `call` when it carries a tool call. */
  serverFor(security: CallSecurity, call?: TrackedCall): McpServer;
  /** Public base URL, e.g. `http://127.0.0.1:7070`. */
  baseUrl: string;
  issuer?: string;
  scopes: readonly string[];
  hosts: readonly HostRule[];
  originHostnames: readonly string[];
  tls: boolean;
  logger: { warn(fields: object, message: string): void; error(fields: object, message: string): void };
}

/**
 * Adds the MCP routes to the service's hono app (the one serving /healthz, /readyz, /metrics):
 * RFC 9728 metadata, and Streamable HTTP at `/mcp` behind the Host/Origin check and bearer
 * authentication. Every HTTP request gets its own server instance bound to its principal.
 * Returns a closer for the handler.
 */
export function mountMcp(app: Hono, options: McpHttpOptions): () => Promise<void> {
  const metadata = protectedResourceMetadata({
    baseUrl: options.baseUrl,
    issuer: options.issuer,
    scopes: options.scopes,
  });
  app.get(PROTECTED_RESOURCE_PATH, (c) => c.json(metadata));
  app.get(`${PROTECTED_RESOURCE_PATH}/mcp`, (c) => c.json(metadata));

  const inFlight = createInFlightCalls();
  const handler = createMcpHandler(
    (ctx) => {
      const principal = ctx.authInfo?.extra?.principal as CallerPrincipal | undefined;
      if (principal === undefined)
        throw new AppError(ErrorCode.INTERNAL, 'request reached MCP without a principal');
      const call = ctx.authInfo?.extra?.call as TrackedCall | undefined;
      return options.serverFor(securityForPrincipal(options.services, principal), call);
    },
    { onerror: (err) => options.logger.warn({ err: err.message }, 'mcp request rejected') },
  );

  app.use('/mcp', hostOriginCheck(options));
  app.all('/mcp', async (c) => {
    const bearer = bearerFromHeader(c.req.header('authorization'));
    let principal: CallerPrincipal;
    try {
      principal = await options.services.authenticate(bearer);
    } catch (err) {
      return refuse(options, c.req.raw, bearer, toAppError(err));
    }
    // Stateless HTTP: a 2025-era `notifications/cancelled` arrives as its own POST; route it to its call.
    const message = c.req.method === 'POST' ? classifyForCancellation(await peekJson(c.req.raw)) : undefined;
    if (message?.kind === 'cancel') inFlight.cancel(principal, message.id, message.reason);
    const call = message?.kind === 'call' ? inFlight.track(principal, message.id) : undefined;
    try {
      return await handler.fetch(c.req.raw, {
        authInfo: {
          token: '[redacted]',
          clientId: principal.clientId ?? principal.id,
          scopes: [],
          extra: { principal, call },
        },
      });
    } catch (err) {
      call?.release();
      throw err;
    }
  });
  return () => handler.close();
}

/** Status and challenge of a request refused at the edge; refused tool calls are audited. */
async function refuse(
  options: McpHttpOptions,
  request: Request,
  bearer: string | undefined,
  error: AppError,
): Promise<Response> {
  const known = error.code === ErrorCode.UNAUTHORIZED || error.code === ErrorCode.FORBIDDEN;
  if (!known) options.logger.error({ err: error }, 'authentication could not be checked');
  else {
    for (const entry of refusedToolCalls(await peekJson(request), error)) {
      await options.services
        .record(entry)
        .catch((e: unknown) => options.logger.error({ err: e }, 'audit write failed'));
    }
  }
  const resourceMetadataUrl = `${options.baseUrl}${PROTECTED_RESOURCE_PATH}`;
  const status = error.code === ErrorCode.UNAUTHORIZED ? 401 : error.code === ErrorCode.FORBIDDEN ? 403 : 503;
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (status === 401) {
    headers['WWW-Authenticate'] = bearerChallenge(
      bearer === undefined
        ? { resourceMetadataUrl }
        : { resourceMetadataUrl, error: 'invalid_token', description: error.message },
    );
  } else if (status === 403) {
    headers['WWW-Authenticate'] = bearerChallenge({
      resourceMetadataUrl,
      error: 'insufficient_scope',
      description: error.message,
      scope: options.scopes.join(' '),
    });
  }
  const body = {
    jsonrpc: '2.0',
    error: { code: -32001, message: `${error.code}: ${error.message}` },
    id: null,
  };
  return new Response(JSON.stringify(body), { status, headers });
}
