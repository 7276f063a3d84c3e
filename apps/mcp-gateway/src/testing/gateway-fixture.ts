import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connectBus } from '@swarmops/bus';
import { createLogger, createMetrics, serveHttp } from '@swarmops/runtime';
import type pg from 'pg';
import { createTokenStore } from '../auth/index.js';
import type { CreateTokenInput } from '../auth/index.js';
import { loadGatewayConfig } from '../config.js';
import { createGatewayHttpApp } from '../http/gateway-app.js';
import { createGatewayRuntime } from '../mcp/gateway-runtime.js';
import { freePort } from './private-nats.js';

/** The built stdio entry; the stdio tests run what `./swarmops mcp` runs. */
export function stdioEntry(): string {
  const path = fileURLToPath(new URL('../../dist/stdio.js', import.meta.url));
  if (!existsSync(path))
    throw new Error(`${path} missing: run pnpm --filter @swarmops/mcp-gateway build first`);
  return path;
}

/**
 * The HTTP gateway in this process on a free port, wired exactly as main.ts wires it, against the
 * given NATS and a (fresh) database. `env` adds gateway variables (MCP_OAUTH_ISSUER, ...).
 */
export async function startHttpGateway(options: {
  natsUrl: string;
  pool: pg.Pool;
  databaseUrl: string;
  env?: Record<string, string>;
}) {
  const port = await freePort();
  const config = loadGatewayConfig({
    NATS_URL: options.natsUrl,
    DATABASE_URL: options.databaseUrl,
    MCP_HTTP_PORT: String(port),
    LOG_LEVEL: 'warn',
    ...options.env,
  });
  const logger = createLogger({ service: 'mcp-gateway-test', level: 'warn', destination: process.stderr });
  const nc = await connectBus({ url: options.natsUrl, name: 'mcp-gateway-test' });
  const runtime = createGatewayRuntime({ config, nc, pool: options.pool, logger });
  const { app, closeMcp } = createGatewayHttpApp({
    config,
    runtime,
    registry: createMetrics({ service: 'mcp-gateway-test' }),
    checks: {},
    logger,
  });
  const tls =
    config.MCP_TLS_CERT === undefined || config.MCP_TLS_KEY === undefined
      ? undefined
      : { cert: readFileSync(config.MCP_TLS_CERT), key: readFileSync(config.MCP_TLS_KEY) };
  const server = await serveHttp(app, { host: '127.0.0.1', port, tls });
  const tokens = createTokenStore(options.pool);
  return {
    port,
    baseUrl: server.url,
    mcpUrl: `${server.url}/mcp`,
    /** Creates a personal access token; returns the secret. */
    token: async (input: Partial<CreateTokenInput> & Pick<CreateTokenInput, 'role'>) =>
      (await tokens.create({ name: `test-${input.role}`, ...input })).token,
    tokens,
    async close() {
      await closeMcp();
      await server.close();
      await tokens.flush();
      await runtime.close();
      await nc.close();
    },
  };
}

/** Rows of audit_log, oldest first. */
export async function auditRows(pool: pg.Pool): Promise<Record<string, unknown>[]> {
  const { rows } = await pool.query<Record<string, unknown>>(
    'select principal, token_id, tool, decision, outcome, error_code, duration_ms, trace_id, arguments from audit_log order by time, id',
  );
  return rows;
}
