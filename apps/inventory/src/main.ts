import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  connectBus,
  ensureStream,
  eventsStreamConfig,
  natsReadinessCheck,
  serve,
  startOutboxRelay,
} from '@swarmops/bus';
import { createPool } from '@swarmops/db';
import { createDockerClient } from '@swarmops/docker';
import { createHttpApp, runMain, serveHttp, startServiceBase } from '@swarmops/runtime';
import { assertInventoryTables } from './adapters/inventory-reader-tables.js';
import { createInventoryReader } from './adapters/inventory-reader.js';
import { loadConfig } from './config.js';
import { createReadHandlers } from './handlers/index.js';
import { createInventoryMetrics } from './metrics.js';
import { createInventorySync } from './sync/index.js';

const SERVICE = 'inventory';

async function main(): Promise<void> {
  const config = loadConfig();
  const { version, description, logger, shutdown, registry } = startServiceBase({
    service: SERVICE,
    config,
    packageJson: new URL('../package.json', import.meta.url),
  });
  const metrics = createInventoryMetrics(registry);

  const pool = createPool({ url: config.DATABASE_URL, applicationName: SERVICE });
  shutdown.add('postgres', () => pool.end());
  await assertInventoryTables(pool);

  const nc = await connectBus({ url: config.NATS_URL, name: SERVICE, logger });
  shutdown.add('nats', () => nc.drain());
  await ensureStream(await jetstreamManager(nc), eventsStreamConfig());
  const relay = startOutboxRelay({ pool, js: jetstream(nc), logger: logger.child({ part: 'outbox' }) });
  shutdown.add('outbox-relay', () => relay.stop());

  const docker = createDockerClient({ host: config.DOCKER_HOST });
  const sync = createInventorySync({
    docker,
    pool,
    logger: logger.child({ part: 'sync' }),
    metrics,
    resyncSeconds: config.INVENTORY_RESYNC_SECONDS,
    taskPollSeconds: config.INVENTORY_TASK_POLL_SECONDS,
    debounceMs: config.INVENTORY_DEBOUNCE_MS,
    now: () => new Date(),
  });
  shutdown.add('sync', () => sync.stop());
  await sync.start();

  const reader = createInventoryReader({ pool });
  const service = await serve(
    nc,
    { name: SERVICE, version, description, logger },
    createReadHandlers({ reader }),
  );
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
      docker: async () => {
        await docker.ping();
      },
    },
  });
  const http = await serveHttp(app, { port: config.HTTP_PORT, host: config.HTTP_HOST });
  shutdown.add('http', () => http.close());
  logger.info({ url: http.url, clusterId: sync.clusterId, version }, 'inventory ready');
}

runMain(SERVICE, main);
