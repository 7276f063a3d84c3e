import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  connectBus,
  errorMessage,
  ensureStream,
  eventsStreamConfig,
  natsReadinessCheck,
  serve,
  startOutboxRelay,
} from '@swarmops/bus';
import { createPool } from '@swarmops/db';
import { createDockerClient } from '@swarmops/docker';
import { createHttpApp, runMain, serveHttp, startServiceBase } from '@swarmops/runtime';
import { createLocalStore } from './archive/local-store.js';
import { nodeSetTimer, startScheduler } from './archive/schedule.js';
import { readSecretsFile } from './archive/secrets-file.js';
import { createBackupCore } from './backup-core.js';
import { loadConfig } from './config.js';
import { createBackupMetrics } from './metrics.js';
import { createSecretValuesReader } from './secret-values.js';

const SERVICE = 'backup';

async function main(): Promise<void> {
  const config = loadConfig();
  // A backup or restore in flight gets time to finish; one cut short is marked failed at the next start.
  const { version, description, logger, shutdown, registry } = startServiceBase({
    service: SERVICE,
    config,
    packageJson: new URL('../package.json', import.meta.url),
    shutdownDeadlineMs: 60_000,
  });

  const pool = createPool({ url: config.DATABASE_URL, applicationName: SERVICE });
  shutdown.add('postgres', () => pool.end());

  const nc = await connectBus({ url: config.NATS_URL, name: SERVICE, logger });
  shutdown.add('nats', () => nc.drain());
  await ensureStream(await jetstreamManager(nc), eventsStreamConfig());
  const js = jetstream(nc);
  const relay = startOutboxRelay({ pool, js, logger: logger.child({ part: 'outbox' }) });
  shutdown.add('outbox-relay', () => relay.stop());

  // Reads the swarm; every change goes through the deployer's restore.apply.
  const docker = createDockerClient({ host: config.DOCKER_HOST, timeoutMs: config.BACKUP_DOCKER_TIMEOUT_MS });
  const core = createBackupCore({
    config,
    nc,
    js,
    pool,
    docker,
    store: createLocalStore(config.BACKUP_DIR),
    readSecrets: createSecretValuesReader({
      path: config.BACKUP_SECRETS_FILE,
      key: config.BACKUP_ENCRYPTION_KEY,
      read: readSecretsFile,
    }),
    metrics: createBackupMetrics(registry),
    swarmopsVersion: version,
    logger: logger.child({ part: 'runs' }),
  });
  await core.recoverInterrupted();

  // Closed in reverse: the service stops taking requests first, then the runs in flight finish.
  shutdown.add('runs', async () => {
    await core.backups.settled();
    await core.restores.settled();
  });
  const service = await serve(nc, { name: SERVICE, version, description, logger }, core.handlers);
  shutdown.add('service', async () => {
    await service.stop();
  });

  if (config.BACKUP_SCHEDULE !== undefined) {
    const scheduleLog = logger.child({ part: 'schedule' });
    const scheduler = startScheduler({
      expr: config.BACKUP_SCHEDULE,
      now: () => new Date(),
      setTimer: nodeSetTimer,
      run: async () => {
        await core.backups.create({ wait: true, trigger: 'schedule' });
      },
      onError: (err) => scheduleLog.warn({ err: errorMessage(err) }, 'scheduled backup failed'),
    });
    shutdown.add('schedule', () => scheduler.stop());
    scheduleLog.info(
      { schedule: config.BACKUP_SCHEDULE, next: scheduler.nextAt()?.toISOString() },
      'schedule armed',
    );
  }

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
        await core.clusterId();
      },
    },
  });
  const http = await serveHttp(app, { port: config.HTTP_PORT, host: config.HTTP_HOST });
  shutdown.add('http', () => http.close());
  logger.info(
    { url: http.url, version, dir: config.BACKUP_DIR, encrypted: config.BACKUP_ENCRYPTION_KEY !== undefined },
    'backup ready',
  );
}

runMain(SERVICE, main);
