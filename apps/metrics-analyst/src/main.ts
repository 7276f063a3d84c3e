import { Registry } from 'prom-client';
import { connectBus, natsReadinessCheck, serve } from '@swarmops/bus';
import { createHttpApp, runMain, serveHttp, startServiceBase } from '@swarmops/runtime';
import { createDeploymentSource, natsDeploymentsList } from './adapters/deployments.js';
import { createAnalyzer } from './analysis/analyzer.js';
import { loadConfig } from './config.js';
import { createEngines } from './engines.js';
import { CombinedRegistry } from './exposition.js';
import { createExporter } from './exporter/index.js';
import { createMetricsHandlers } from './handlers/metrics-handlers.js';
import { createAnalystMetrics } from './metrics.js';
import { createPromClient } from './prometheus/index.js';

const SERVICE = 'metrics-analyst';
const DEPLOYER_TIMEOUT_MS = 5_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const { version, description, logger, shutdown, registry } = startServiceBase({
    service: SERVICE,
    config,
    packageJson: new URL('../package.json', import.meta.url),
    shutdownDeadlineMs: 15_000,
  });
  // The exporter's series carry their own labels only (`service` there names the swarm service measured).
  const exporterRegistry = new Registry();

  const nc = await connectBus({ url: config.NATS_URL, name: SERVICE, logger });
  shutdown.add('nats', () => nc.drain());

  // Read-only: the exporter lists the swarm and reads container stats; it changes nothing.
  const { cluster, engines } = createEngines(config);
  const exporter = createExporter({
    cluster,
    engines,
    registry: exporterRegistry,
    cacheMs: config.METRICS_CACHE_MS,
    statsConcurrency: config.METRICS_STATS_CONCURRENCY,
    scrapeWaitMs: config.METRICS_SCRAPE_WAIT_MS,
  });
  shutdown.add('exporter', () => exporter.stop());

  // Prometheus is not a readiness dependency: when it is down the tools answer UNAVAILABLE and /metrics
  // (the exporter it should scrape) keeps serving.
  const prom = createPromClient({
    url: config.PROMETHEUS_URL,
    timeoutMs: config.METRICS_QUERY_TIMEOUT_MS,
  });
  const deployments = createDeploymentSource({
    list: natsDeploymentsList(nc, DEPLOYER_TIMEOUT_MS),
    logger: logger.child({ part: 'deployments' }),
  });
  const analyzer = createAnalyzer({ prom, deployments, now: () => new Date() });
  const handlers = createMetricsHandlers({
    analyzer,
    prom,
    caps: {
      maxSeries: config.METRICS_MAX_SERIES,
      maxPoints: config.METRICS_MAX_POINTS,
    },
    metrics: createAnalystMetrics(registry),
  });
  const service = await serve(nc, { name: SERVICE, version, description, logger }, handlers);
  shutdown.add('service', async () => {
    await service.stop();
  });

  const app = createHttpApp({
    service: SERVICE,
    registry: new CombinedRegistry([registry, exporterRegistry]),
    logger,
    checks: {
      nats: () => natsReadinessCheck(nc),
      docker: async () => {
        await cluster.ping();
      },
    },
  });
  const http = await serveHttp(app, {
    port: config.HTTP_PORT,
    host: config.HTTP_HOST,
  });
  shutdown.add('http', () => http.close());
  prom.ready().then(
    () => logger.info({ prometheus: prom.url }, 'prometheus ready'),
    (err: unknown) =>
      logger.warn(
        { err, prometheus: prom.url },
        'prometheus not reachable: the tools answer UNAVAILABLE until it is',
      ),
  );
  logger.info(
    {
      url: http.url,
      version,
      prometheus: config.PROMETHEUS_URL,
      engines: engines.length,
    },
    'metrics-analyst ready',
  );
}

runMain(SERVICE, main);
