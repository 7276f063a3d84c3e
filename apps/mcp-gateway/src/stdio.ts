import { connectBus } from '@swarmops/bus';
import { createPool } from '@swarmops/db';
import { createLogger, createShutdown } from '@swarmops/runtime';
import { loadGatewayConfig } from './config.js';
import { createGatewayRuntime } from './mcp/gateway-runtime.js';
import { startStdio } from './transports/stdio.js';

// MCP over stdio (`./swarmops mcp`). stdout carries protocol messages only: every log line goes to stderr.
const SERVICE = 'mcp-gateway';

function fail(message: string): never {
  process.stderr.write(`swarmops mcp: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger({
    service: `${SERVICE}-stdio`,
    level: config.LOG_LEVEL,
    destination: process.stderr,
  });
  const token = config.SWARMOPS_TOKEN;
  if (token === undefined)
    fail('SWARMOPS_TOKEN is not set: export a token (./swarmops token create) or use .swarmops/admin.token');
  if (config.DATABASE_URL === undefined)
    fail('DATABASE_URL is not set: run ./swarmops up, or source .swarmops/env');
  const shutdown = createShutdown({ logger });
  const nc = await connectBus({ url: config.NATS_URL, name: `${SERVICE}-stdio`, logger });
  shutdown.add('nats', () => nc.drain());
  const pool = createPool({ url: config.DATABASE_URL, applicationName: `${SERVICE}-stdio` });
  shutdown.add('postgres', () => pool.end());
  const runtime = createGatewayRuntime({ config, nc, pool, logger });
  shutdown.add('tokens', () => runtime.close());
  let principal;
  try {
    ({ principal } = await startStdio(runtime.deps, runtime.services, token, (err) =>
      logger.warn({ err: err.message }, 'stdio transport error'),
    ));
  } catch (err) {
    await shutdown.run('bad token');
    fail(`SWARMOPS_TOKEN was refused: ${err instanceof Error ? err.message : String(err)}`);
  }
  logger.info({ principal: principal.id, role: principal.role }, 'mcp stdio serving');
  shutdown.onSignals();
  // The client closing stdin ends the session.
  process.stdin.once('end', () => void shutdown.run('stdin closed').then(() => process.exit(0)));
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
