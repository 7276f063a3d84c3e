import type { Hono } from 'hono';
import { createHttpApp } from '@swarmops/runtime';
import type { Logger, ReadinessCheck, Registry } from '@swarmops/runtime';
import type { Config } from '../config.js';
import { createGatewayServer } from '../mcp/create-server.js';
import type { GatewayRuntime } from '../mcp/gateway-runtime.js';
import { mountMcp } from './app.js';
import { defaultHostRules, parseHostRule } from './host-origin.js';

/**
 * The gateway's one HTTP app on MCP_HTTP_PORT: `/healthz`, `/readyz`, `/metrics` from the
 * runtime, plus `/.well-known/oauth-protected-resource` and `/mcp`.
 */
export function createGatewayHttpApp(options: {
  config: Config;
  runtime: GatewayRuntime;
  registry: Registry;
  checks: Record<string, ReadinessCheck>;
  logger: Logger;
}): { app: Hono; closeMcp: () => Promise<void> } {
  const { config, runtime, logger } = options;
  const app = createHttpApp({
    service: 'mcp-gateway',
    registry: options.registry,
    checks: options.checks,
    logger,
  });
  const closeMcp = mountMcp(app, {
    services: runtime.services,
    serverFor: (security, call) => createGatewayServer(runtime.deps, security, call),
    baseUrl: runtime.baseUrl,
    issuer: config.MCP_OAUTH_ISSUER,
    scopes: runtime.scopes,
    hosts: config.MCP_ALLOWED_HOSTS?.map(parseHostRule) ?? defaultHostRules(config.MCP_HTTP_PORT),
    originHostnames: config.MCP_ALLOWED_ORIGINS ?? ['localhost', '127.0.0.1', '[::1]'],
    tls: config.MCP_TLS_CERT !== undefined,
    logger,
  });
  return { app, closeMcp };
}
