import { readFileSync } from 'node:fs';
import type { NatsConnection } from '@nats-io/nats-core';
import type pg from 'pg';
import { SUPPORTED_SCOPES } from '../auth/index.js';
import { publicBaseUrl } from '../config.js';
import type { Config } from '../config.js';
import { TOOLS } from '../tools/index.js';
import type { GatewayDeps } from './create-server.js';
import { createSecurityServices } from './security-adapter.js';
import type { SecurityServices } from './security.js';
import { listTools } from './tool-listing.js';

/** The gateway's version, reported as serverInfo.version. */
export const GATEWAY_VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** What both transports run on. */
export interface GatewayRuntime {
  deps: GatewayDeps;
  services: SecurityServices;
  baseUrl: string;
  scopes: readonly string[];
  close(): Promise<void>;
}

/** Builds the shared parts from config and open connections (which the caller owns and closes). */
export function createGatewayRuntime(options: {
  config: Config;
  nc: NatsConnection;
  pool: pg.Pool;
  logger: { error(fields: object, message: string): void; warn(fields: object, message: string): void };
}): GatewayRuntime {
  const { config, nc, pool, logger } = options;
  const baseUrl = publicBaseUrl(config);
  const issuer = config.MCP_OAUTH_ISSUER?.replace(/\/+$/, '');
  const security = createSecurityServices({
    pool,
    oauth:
      issuer === undefined
        ? undefined
        : {
            issuer: config.MCP_OAUTH_ISSUER ?? issuer,
            jwksUri: config.MCP_OAUTH_JWKS_URI ?? `${issuer}/.well-known/jwks.json`,
            audience: `${baseUrl}/mcp`,
          },
    rateLimit: { ratePerSecond: config.MCP_RATE_LIMIT_PER_SECOND, burst: config.MCP_RATE_LIMIT_BURST },
    onTouchError: (err) => logger.warn({ err }, 'token last-used update failed'),
  });
  const deps: GatewayDeps = {
    nc,
    tools: TOOLS,
    listing: listTools(TOOLS),
    audit: security.audit,
    timeoutMs: config.MCP_REQUEST_TIMEOUT_MS,
    version: GATEWAY_VERSION,
    now: () => performance.now(),
    logger,
  };
  return {
    deps,
    services: security.services,
    baseUrl,
    scopes: SUPPORTED_SCOPES,
    close: () => security.close(),
  };
}
