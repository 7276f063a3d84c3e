import { randomUUID } from 'node:crypto';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { BusLogger } from '@swarmops/bus';
import type Docker from 'dockerode';
import type pg from 'pg';
import { createCheckStateRepo } from './adapters/check-state-repo.js';
import type { CheckStateRepo } from './adapters/check-state-repo.js';
import { createInventoryClient } from './adapters/inventory-client.js';
import type { InventoryReads } from './adapters/inventory-client.js';
import { probePlatform } from './adapters/platform-probes.js';
import { createReportsRepo } from './adapters/reports-repo.js';
import type { ReportsRepo } from './adapters/reports-repo.js';
import { createSnapshotSource } from './adapters/snapshot-source.js';
import { readSwarmFacts } from './adapters/swarm-facts.js';
import type { Config } from './config.js';
import { DEFAULT_ANALYZER_SETTINGS } from './domain/analyzer.js';
import type { Analyzer } from './domain/analyzer.js';
import { ALL_ANALYZERS } from './domain/analyzers/index.js';
import { NodeStatusLog } from './domain/node-status-log.js';
import type { RunListener } from './domain/run-outcome.js';
import type { HealthMetrics } from './metrics.js';
import { runHealth } from './runner/run-health.js';
import { createHealthRunner } from './runner/runner.js';
import type { HealthRunner } from './runner/runner.js';

const PRUNE_EVERY_MS = 10 * 60_000;
const PROBE_TIMEOUT_MS = 2000;

/** The parts of the health service other wiring needs. */
export interface HealthCore {
  runner: HealthRunner;
  reports: ReportsRepo;
  states: CheckStateRepo;
  inventory: InventoryReads;
  nodeStatus: NodeStatusLog;
  /** The swarm id reports are kept under (from the last run, else inventory's summary). */
  clusterId: () => Promise<string>;
  /** Add listeners before `runner.start()`. */
  listeners: RunListener[];
}

/** A follow-up run just after the pending grace ends, unless the interval comes first anyway. */
function followUpMs(intervalSeconds: number): number | undefined {
  const seconds = DEFAULT_ANALYZER_SETTINGS.pendingGraceSeconds + 1;
  return seconds < intervalSeconds ? seconds * 1000 : undefined;
}

/** What the core is built from. */
export interface HealthCoreDeps {
  config: Pick<
    Config,
    'HEALTH_INTERVAL_SECONDS' | 'HEALTH_PLATFORM_SERVICES' | 'HEALTH_REPORT_RETENTION_HOURS'
  >;
  nc: NatsConnection;
  jsm: JetStreamManager;
  pool: pg.Pool;
  docker: Docker;
  metrics: HealthMetrics;
  logger: BusLogger;
  analyzers?: readonly Analyzer[];
  now?: () => Date;
}

/** Builds the snapshot source, the repos and the runner (not started). */
export function createHealthCore(deps: HealthCoreDeps): HealthCore {
  const { config, nc, jsm, pool, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const inventory = createInventoryClient(nc);
  const nodeStatus = new NodeStatusLog(DEFAULT_ANALYZER_SETTINGS.flapWindowMinutes * 60_000);
  const snapshots = createSnapshotSource({
    inventory,
    swarm: () => readSwarmFacts(deps.docker),
    platform: () =>
      probePlatform({
        nc,
        jsm,
        pool,
        services: config.HEALTH_PLATFORM_SERVICES,
        timeoutMs: PROBE_TIMEOUT_MS,
      }),
    nodeStatus,
    now,
  });
  let knownClusterId: string | null = null;
  const clusterId = async (): Promise<string> => (knownClusterId ??= (await inventory.summary()).clusterId);
  const reports = createReportsRepo(pool);
  const states = createCheckStateRepo(pool, reports);
  const listeners: RunListener[] = [];
  const runDeps = {
    snapshots,
    analyzers: deps.analyzers ?? ALL_ANALYZERS,
    settings: DEFAULT_ANALYZER_SETTINGS,
    reports,
    states,
    metrics: deps.metrics,
    now,
    newId: randomUUID,
  };
  let lastPrune = 0;
  const runner = createHealthRunner({
    runOnce: async (request, trigger) => {
      const result = await runHealth(runDeps, request, trigger);
      knownClusterId = result.outcome?.snapshot.clusterId ?? knownClusterId;
      return result;
    },
    listeners,
    intervalSeconds: config.HEALTH_INTERVAL_SECONDS,
    followUpMs: followUpMs(config.HEALTH_INTERVAL_SECONDS),
    afterInterval: async () => {
      if (now().getTime() - lastPrune < PRUNE_EVERY_MS) return;
      lastPrune = now().getTime();
      const before = new Date(lastPrune - config.HEALTH_REPORT_RETENTION_HOURS * 3_600_000);
      const pruned = await reports.prune(await clusterId(), before);
      if (pruned > 0) logger.info({ pruned, before: before.toISOString() }, 'old reports pruned');
    },
    logger,
  });
  return { runner, reports, states, inventory, nodeStatus, clusterId, listeners };
}
