import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  connectBus,
  ensureStream,
  eventsStreamConfig,
  natsReadinessCheck,
  serve,
  startOutboxRelay,
} from '@swarmops/bus';
import { createDatabase, createPool } from '@swarmops/db';
import { createDockerClient } from '@swarmops/docker';
import { createHttpApp, runMain, serveHttp, startServiceBase } from '@swarmops/runtime';
import { watchInventoryEvents } from './adapters/inventory-events.js';
import { createAlertListener } from './alerts/index.js';
import { loadConfig } from './config.js';
import { createDiagnoseHandler } from './handlers/diagnose-handler.js';
import { createReportHandlers } from './handlers/report-handlers.js';
import { createHealingHandlers, createHealingListener } from './healing/index.js';
import { createHealthCore } from './health-core.js';
import { createHealthMetrics } from './metrics.js';

const SERVICE = 'health';

async function main(): Promise<void> {
  const config = loadConfig();
  const { version, description, logger, shutdown, registry } = startServiceBase({
    service: SERVICE,
    config,
    packageJson: new URL('../package.json', import.meta.url),
    shutdownDeadlineMs: 15_000,
  });

  const pool = createPool({ url: config.DATABASE_URL, applicationName: SERVICE });
  shutdown.add('postgres', () => pool.end());

  const nc = await connectBus({ url: config.NATS_URL, name: SERVICE, logger });
  shutdown.add('nats', () => nc.drain());
  const jsm = await jetstreamManager(nc);
  await ensureStream(jsm, eventsStreamConfig());
  const js = jetstream(nc);
  const relay = startOutboxRelay({ pool, js, logger: logger.child({ part: 'outbox' }) });
  shutdown.add('outbox-relay', () => relay.stop());

  // Read-only: health inspects the swarm's CA; every change goes through the deployer.
  const docker = createDockerClient({ host: config.DOCKER_HOST, timeoutMs: config.HEALTH_DOCKER_TIMEOUT_MS });
  const core = createHealthCore({
    config,
    nc,
    jsm,
    pool,
    docker,
    metrics: createHealthMetrics(registry),
    logger: logger.child({ part: 'runner' }),
  });
  const { runner, reports, inventory, clusterId } = core;
  const healingDeps = { db: createDatabase(pool), clusterId, logger: logger.child({ part: 'healing' }) };
  const healing = createHealingListener({
    ...healingDeps,
    nc,
    maxPerHour: config.HEALTH_HEALING_MAX_PER_HOUR,
  });
  const alerts = createAlertListener({
    webhooks: config.HEALTH_ALERT_WEBHOOKS,
    format: config.HEALTH_ALERT_FORMAT,
    resendSeconds: config.HEALTH_ALERT_RESEND_SECONDS,
    recordAlertSent: async (key, at) => core.states.recordAlertSent(await clusterId(), key, at),
    logger: logger.child({ part: 'alerts' }),
  });
  core.listeners.push(alerts, healing);

  const service = await serve(nc, { name: SERVICE, version, description, logger }, [
    ...createReportHandlers({ runner, reports, clusterId }),
    createDiagnoseHandler({ runner, inventory, nc, js, logger, now: () => new Date() }),
    ...createHealingHandlers(healingDeps),
  ]);
  shutdown.add('service', async () => {
    await service.stop();
  });
  const events = watchInventoryEvents({
    nc,
    nodeStatus: core.nodeStatus,
    onEvent: () => runner.trigger(),
    logger,
  });
  shutdown.add('runner', async () => {
    events.stop();
    await runner.stop();
    await healing.settled();
  });
  runner.start();

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

runMain(SERVICE, main);
