import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { jetstreamManager } from '@nats-io/jetstream';
import { jetstream } from '@nats-io/jetstream';
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
import {
  createHttpApp,
  createLogger,
  createMetrics,
  createShutdown,
  serveHttp,
  startTracing,
} from '@swarmops/runtime';
import { createCheckStateRepo } from './adapters/check-state-repo.js';
import { createInventoryClient } from './adapters/inventory-client.js';
import { watchInventoryEvents } from './adapters/inventory-events.js';
import { probePlatform } from './adapters/platform-probes.js';
import { createReportsRepo } from './adapters/reports-repo.js';
import { createSnapshotSource } from './adapters/snapshot-source.js';
import { readSwarmFacts } from './adapters/swarm-facts.js';
import { loadConfig } from './config.js';
import { DEFAULT_ANALYZER_SETTINGS } from './domain/analyzer.js';
import { ALL_ANALYZERS } from './domain/analyzers/index.js';
import { NodeStatusLog } from './domain/node-status-log.js';
import type { RunListener } from './domain/run-outcome.js';
import { createReportHandlers } from './handlers/report-handlers.js';
import { createHealthMetrics } from './metrics.js';
import { runHealth } from './runner/run-health.js';
import { createHealthRunner } from './runner/runner.js';

const SERVICE = 'health';
const PRUNE_EVERY_MS = 10 * 60_000;

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
  const metrics = createHealthMetrics(registry);

  const pool = createPool({ url: config.DATABASE_URL, applicationName: SERVICE });
  shutdown.add('postgres', () => pool.end());

  const nc = await connectBus({ url: config.NATS_URL, name: SERVICE, logger });
  shutdown.add('nats', () => nc.drain());
  const jsm = await jetstreamManager(nc);
  await ensureStream(jsm, eventsStreamConfig());
  const relay = startOutboxRelay({ pool, js: jetstream(nc), logger: logger.child({ part: 'outbox' }) });
  shutdown.add('outbox-relay', () => relay.stop());

  const docker = createDockerClient({ host: config.DOCKER_HOST, timeoutMs: config.HEALTH_DOCKER_TIMEOUT_MS });
  const inventory = createInventoryClient(nc);
  const nodeStatus = new NodeStatusLog(DEFAULT_ANALYZER_SETTINGS.flapWindowMinutes * 60_000);
  const snapshots = createSnapshotSource({
    inventory,
    swarm: () => readSwarmFacts(docker),
    platform: () =>
      probePlatform({ nc, jsm, pool, services: config.HEALTH_PLATFORM_SERVICES, timeoutMs: 2000 }),
    nodeStatus,
    now: () => new Date(),
  });
  let clusterIdCache: string | null = null;
  const clusterId = async (): Promise<string> => (clusterIdCache ??= (await inventory.summary()).clusterId);

  const reports = createReportsRepo(pool);
  const states = createCheckStateRepo(pool, reports);
  const listeners: RunListener[] = [];
  const runDeps = {
    snapshots,
    analyzers: ALL_ANALYZERS,
    settings: DEFAULT_ANALYZER_SETTINGS,
    reports,
    states,
    metrics,
    now: () => new Date(),
    newId: randomUUID,
  };
  let lastPrune = 0;
  const runner = createHealthRunner({
    runOnce: async (request, trigger) => {
      const result = await runHealth(runDeps, request, trigger);
      clusterIdCache = result.outcome?.snapshot.clusterId ?? clusterIdCache;
      return result;
    },
    listeners,
    intervalSeconds: config.HEALTH_INTERVAL_SECONDS,
    afterInterval: async () => {
      if (Date.now() - lastPrune < PRUNE_EVERY_MS) return;
      lastPrune = Date.now();
      const before = new Date(Date.now() - config.HEALTH_REPORT_RETENTION_HOURS * 3_600_000);
      const pruned = await reports.prune(await clusterId(), before);
      if (pruned > 0) logger.info({ pruned, before }, 'old reports pruned');
    },
    logger: logger.child({ part: 'runner' }),
  });

  const service = await serve(
    nc,
    { name: SERVICE, version, description, logger },
    createReportHandlers({ runner, reports, clusterId }),
  );
  shutdown.add('service', async () => {
    await service.stop();
  });
  const events = watchInventoryEvents({ nc, nodeStatus, onEvent: () => runner.trigger(), logger });
  shutdown.add('runner', async () => {
    events.stop();
    await runner.stop();
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

main().catch((err: unknown) => {
  const logger = createLogger({ service: SERVICE });
  logger.fatal({ err }, 'health failed to start');
  process.exit(1);
});
