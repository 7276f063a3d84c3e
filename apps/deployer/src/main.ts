import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
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
import { assertDeployerTables } from './adapters/deployer-tables.js';
import { createDeploymentEvents } from './adapters/deployment-events.js';
import { createDeploymentsRepo } from './adapters/deployments-repo.js';
import { createNodeDocker } from './adapters/docker-nodes.js';
import { createRestoreDocker } from './adapters/docker-restore.js';
import { createStackDocker } from './adapters/docker-stack.js';
import { createPrometheusQuery } from './adapters/prometheus.js';
import { convertCompose } from './compose/index.js';
import { loadConfig } from './config.js';
import { createEngine } from './engine/engine.js';
import { createDeployerHandlers } from './handlers/index.js';
import { createDeployerMetrics } from './metrics.js';

const SERVICE = 'deployer';

async function main(): Promise<void> {
  const config = loadConfig();
  // Deployments in flight get time to finish; whatever is left is adopted by the next deployer.
  const { version, description, logger, shutdown, registry } = startServiceBase({
    service: SERVICE,
    config,
    packageJson: new URL('../package.json', import.meta.url),
    shutdownDeadlineMs: 30_000,
  });
  const metrics = createDeployerMetrics(registry);

  const pool = createPool({ url: config.DATABASE_URL, applicationName: SERVICE });
  shutdown.add('postgres', () => pool.end());
  await assertDeployerTables(pool);

  const nc = await connectBus({ url: config.NATS_URL, name: SERVICE, logger });
  shutdown.add('nats', () => nc.drain());
  await ensureStream(await jetstreamManager(nc), eventsStreamConfig());
  const js = jetstream(nc);
  const relay = startOutboxRelay({ pool, js, logger: logger.child({ part: 'outbox' }) });
  shutdown.add('outbox-relay', () => relay.stop());

  const dockerClient = createDockerClient({
    host: config.DOCKER_HOST,
    timeoutMs: config.DEPLOYER_DOCKER_TIMEOUT_MS,
  });
  const docker = createStackDocker(dockerClient);
  const engineLogger = logger.child({ part: 'engine' });
  const engine = createEngine({
    convert: convertCompose,
    docker,
    restoreDocker: createRestoreDocker(dockerClient),
    repo: createDeploymentsRepo(pool),
    events: createDeploymentEvents({ js, logger: engineLogger }),
    clusterId: await docker.clusterId(),
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    maxParallel: config.DEPLOYER_MAX_PARALLEL,
    defaultTimeoutSeconds: config.DEPLOYER_DEFAULT_TIMEOUT_SECONDS,
    heartbeatSeconds: config.DEPLOYER_HEARTBEAT_SECONDS,
    policy: {
      bindMountPrefixes: config.DEPLOYER_POLICY_BIND_PREFIXES,
      trustedStacks: config.DEPLOYER_POLICY_TRUSTED_STACKS,
    },
    prometheus: config.PROMETHEUS_URL === undefined ? null : createPrometheusQuery(config.PROMETHEUS_URL),
    logger: engineLogger,
    metrics,
    now: () => new Date(),
    newId: randomUUID,
  });
  shutdown.add('deployments', () => engine.drain(20_000));
  const adopted = await engine.startRecovery();

  const service = await serve(
    nc,
    { name: SERVICE, version, description, logger },
    createDeployerHandlers({ engine, nodes: createNodeDocker(dockerClient), logger }),
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
      docker: () => docker.ping(),
    },
  });
  const http = await serveHttp(app, { port: config.HTTP_PORT, host: config.HTTP_HOST });
  shutdown.add('http', () => http.close());
  logger.info({ url: http.url, version, adopted }, 'deployer ready');
}

runMain(SERVICE, main);
