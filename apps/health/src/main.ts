import { readFileSync } from 'node:fs';
import { connectBus, natsReadinessCheck, serve } from '@swarmops/bus';
import { createPool } from '@swarmops/db';
import {
  createHttpApp,
  createLogger,
  createMetrics,
  createShutdown,
  serveHttp,
  startTracing,
} from '@swarmops/runtime';
import { loadConfig } from './config.js';

// Skeleton wiring (answers $SRV.PING, /healthz, /readyz, /metrics); the runner, handlers and healing are
// wired here as they land.
const SERVICE = 'health';

async function main(): Promise<void> {
  const config = loadConfig();
  const { version, description } = JSON.parse(
    readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
  ) as { version: string; description: string };
  const logger = createLogger({ service: SERVICE, level: config.LOG_LEVEL });
  const shutdown = createShutdown({ logger, deadlineMs: 15_000 });
  shutdown.onSignals();

  const tracing = startTracing({
    serviceName: config.OTEL_SERVICE_NAME ?? SERVICE,
    endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  shutdown.add('tracing', () => tracing.shutdown());
  const registry = createMetrics({ service: SERVICE });

  const pool = createPool({ url: config.DATABASE_URL, applicationName: SERVICE });
  shutdown.add('postgres', () => pool.end());

  const nc = await connectBus({ url: config.NATS_URL, name: SERVICE, logger });
  shutdown.add('nats', () => nc.drain());

  const service = await serve(nc, { name: SERVICE, version, description, logger }, []);
  shutdown.add('service', async () => {
    await service.stop();
  });

  const app = createHttpApp({
    service: SERVICE,
    registry,
    logger,
    checks: {
      nats: () => natsReadinessCheck(nc),
      postgres: async () => {
        await pool.query('SELECT 1');
      },
    },
  });
  const http = await serveHttp(app, { port: config.HTTP_PORT, host: config.HTTP_HOST });
  shutdown.add('http', () => http.close());
  logger.info({ url: http.url, version }, 'health ready');
}

main().catch((err: unknown) => {
  const logger = createLogger({ service: SERVICE });
  logger.fatal({ err }, 'health failed to start');
  process.exit(1);
});
