import { readFileSync } from 'node:fs';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  connectBus,
  ensureStream,
  eventsStreamConfig,
  natsReadinessCheck,
  startOutboxRelay,
} from '@swarmops/bus';
import { createPool } from '@swarmops/db';
import { createLogger, createMetrics, createShutdown, serveHttp, startTracing } from '@swarmops/runtime';
import { loadGatewayConfig } from './config.js';
import { createGatewayHttpApp } from './http/gateway-app.js';
import { createGatewayRuntime } from './mcp/gateway-runtime.js';

const SERVICE = 'mcp-gateway';

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const tracing = startTracing({
    serviceName: config.OTEL_SERVICE_NAME ?? SERVICE,
    endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const shutdown = createShutdown({ logger });
  shutdown.add('tracing', () => tracing.shutdown());
  shutdown.onSignals();

  if (config.DATABASE_URL === undefined)
    throw new Error('DATABASE_URL not set: the gateway keeps tokens and audit');
  const nc = await connectBus({ url: config.NATS_URL, name: SERVICE, logger });
  shutdown.add('nats', () => nc.drain());
  const pool = createPool({ url: config.DATABASE_URL, applicationName: SERVICE });
  shutdown.add('postgres', () => pool.end());

  // audit.recorded events leave through the outbox, in the same transaction as each audit row.
  await ensureStream(await jetstreamManager(nc), eventsStreamConfig());
  const relay = startOutboxRelay({ pool, js: jetstream(nc), logger });
  shutdown.add('outbox', () => relay.stop());

  const runtime = createGatewayRuntime({ config, nc, pool, logger });
  shutdown.add('tokens', () => runtime.close());

  // One listener on MCP_HTTP_PORT (7070) serves /mcp and the operational routes.
  const { app, closeMcp } = createGatewayHttpApp({
    config,
    runtime,
    registry: createMetrics({ service: SERVICE }),
    checks: { nats: () => natsReadinessCheck(nc), postgres: async () => void (await pool.query('select 1')) },
    logger,
  });
  const tls =
    config.MCP_TLS_CERT === undefined || config.MCP_TLS_KEY === undefined
      ? undefined
      : { cert: readFileSync(config.MCP_TLS_CERT), key: readFileSync(config.MCP_TLS_KEY) };
  const server = await serveHttp(app, { host: config.MCP_HTTP_HOST, port: config.MCP_HTTP_PORT, tls });
  shutdown.add('http', async () => {
    await closeMcp();
    await server.close();
  });
  logger.info({ url: `${server.url}/mcp`, tls: tls !== undefined }, 'mcp gateway listening');
}

main().catch((err: unknown) => {
  process.stderr.write(`mcp-gateway failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
