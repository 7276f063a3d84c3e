import { randomUUID } from 'node:crypto';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { errorMessage, request } from '@swarmops/bus';
import type { BusLogger, RpcEndpoint } from '@swarmops/bus';
import { AppError, DeployerRpc, ErrorCode } from '@swarmops/contracts';
import { createDatabase } from '@swarmops/db';
import type Docker from 'dockerode';
import type pg from 'pg';
import { createBackupEvents } from './adapters/backup-events.js';
import { createBackupsRepo } from './adapters/backups-repo.js';
import { createRestoresRepo } from './adapters/restores-repo.js';
import { encrypt, readArchive, writeArchive } from './archive/index.js';
import { selectRetention } from './archive/retention.js';
import { createBackupRunner } from './backup-run.js';
import type { BackupRunner } from './backup-run.js';
import { captureCluster, pgDump } from './capture/index.js';
import type { Config } from './config.js';
import { newBackupId } from './domain/backup-id.js';
import { createBackupHandlers } from './handlers/backup-handlers.js';
import { createRestoreHandlers } from './handlers/restore-handlers.js';
import type { BackupMetrics } from './metrics.js';
import type { ArchiveCodec, ArchiveStore, ReadSecretValues } from './ports.js';
import type { BackupStore } from './archive/backup-store.js';
import { planRestore, runRestore, toApplyGroups } from './restore/index.js';
import { createRestoreRunner } from './restore-run.js';
import type { RestoreRunner } from './restore-run.js';
import type { VerifyDeps } from './verify-run.js';

/** Extra seconds the restore.apply request waits beyond the deployer's own convergence timeout. */
const APPLY_SLACK_SECONDS = 60;
/** The deployer's default convergence timeout, when the restore names none. */
const APPLY_DEFAULT_SECONDS = 300;

/** What the core is built from. */
export interface BackupCoreDeps {
  config: Pick<
    Config,
    | 'DATABASE_URL'
    | 'BACKUP_ENCRYPTION_KEY'
    | 'BACKUP_KEEP_LAST'
    | 'BACKUP_KEEP_DAILY'
    | 'BACKUP_KEEP_WEEKLY'
    | 'BACKUP_PG_DUMP'
  >;
  nc: NatsConnection;
  js: JetStreamClient | null;
  pool: pg.Pool;
  docker: Docker;
  /** The archive store (the local directory store, or another {@link BackupStore}). */
  store: BackupStore;
  readSecrets: ReadSecretValues;
  metrics: BackupMetrics;
  swarmopsVersion: string;
  logger: BusLogger;
  now?: () => Date;
}

/** The parts of the backup service main.ts (and integration tests) wire. */
export interface BackupCore {
  backups: BackupRunner;
  restores: RestoreRunner;
  handlers: RpcEndpoint[];
  /** The id of the swarm the Docker engine manages (cached after the first answer). */
  clusterId: () => Promise<string>;
  /** Marks runs a stopped service left `running` as failed. */
  recoverInterrupted(): Promise<void>;
}

/** Builds the runs, repos and handlers over the real archive, capture and restore modules. */
export function createBackupCore(deps: BackupCoreDeps): BackupCore {
  const { config, pool, docker, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const key = config.BACKUP_ENCRYPTION_KEY ?? null;
  const db = createDatabase(pool);
  const events = createBackupEvents({ js: deps.js, logger, now });
  const backupsRepo = createBackupsRepo(pool);
  const restoresRepo = createRestoresRepo(pool);
  const clusterId = swarmIdOf(docker);
  const store = asArchiveStore(deps.store);
  const capture = (stacks: string[] | null) => captureCluster({ docker, db, stacks });
  const codec: ArchiveCodec = {
    write: (contents, meta) => writeArchive(contents, meta),
    read: (bytes) => readArchive(bytes, { key }),
    seal: (bytes) => (key === null ? null : encrypt(bytes, key)),
  };
  const policy = {
    keepLast: config.BACKUP_KEEP_LAST,
    keepDaily: config.BACKUP_KEEP_DAILY,
    keepWeekly: config.BACKUP_KEEP_WEEKLY,
  };
  const backups = createBackupRunner({
    clusterId,
    capture,
    dumpDatabase: () => pgDump({ databaseUrl: config.DATABASE_URL, pgDumpPath: config.BACKUP_PG_DUMP }),
    codec,
    store,
    repo: backupsRepo,
    events,
    metrics: deps.metrics,
    selectPrune: (summaries, at) => selectRetention(summaries, at, policy).prune,
    swarmopsVersion: deps.swarmopsVersion,
    now,
    newBackupId: (at) => newBackupId(at),
    logger,
  });
  const verify: VerifyDeps = {
    store,
    codec,
    capture,
    readSecrets: deps.readSecrets,
    plan: ({ filters, ...input }) =>
      planRestore({ ...input, stacks: filters.stacks, services: filters.services }),
    metrics: deps.metrics,
    now,
  };
  const restores = createRestoreRunner({
    ...verify,
    clusterId,
    groups: (plan, archive, values) => toApplyGroups(plan, archive, values),
    apply: (input) => runRestore(input),
    deployer: (req) =>
      request(deps.nc, DeployerRpc.restoreApply, req, {
        timeoutMs: ((req.timeoutSeconds ?? APPLY_DEFAULT_SECONDS) + APPLY_SLACK_SECONDS) * 1000,
      }),
    repo: restoresRepo,
    events,
    newId: randomUUID,
    logger,
  });
  return {
    backups,
    restores,
    clusterId,
    handlers: [
      ...createBackupHandlers({ runner: backups, store, repo: backupsRepo }),
      ...createRestoreHandlers({ verify, runner: restores }),
    ],
    async recoverInterrupted() {
      const id = await clusterId();
      const message = 'interrupted: the backup service stopped before the run ended';
      const b = await backupsRepo.failInterrupted(id, message, now());
      const r = await restoresRepo.failInterrupted(id, message, now());
      if (b.length + r.length > 0) logger.warn({ backups: b, restores: r }, 'interrupted runs marked failed');
    },
  };
}

/** The swarm id, asked once; a non-manager engine is UNAVAILABLE with what to do. */
function swarmIdOf(docker: Docker): () => Promise<string> {
  let known: string | null = null;
  return async () => {
    if (known !== null) return known;
    try {
      const swarm = (await docker.swarmInspect()) as { ID?: string };
      if (typeof swarm.ID !== 'string' || swarm.ID === '') throw new Error('no swarm id');
      known = swarm.ID;
      return known;
    } catch (err) {
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        `the Docker engine is not a swarm manager (DOCKER_HOST): ${errorMessage(err)}`,
        { cause: err },
      );
    }
  };
}

/** The runs' view of a {@link BackupStore}: a missing archive is null rather than an error. */
function asArchiveStore(store: BackupStore): ArchiveStore {
  return {
    put: (bytes, summary) => store.put(summary.backupId, bytes, summary),
    get: async (backupId) => ((await store.stat(backupId)) === null ? null : store.get(backupId)),
    stat: (backupId) => store.stat(backupId),
    list: () => store.list(),
    remove: async (backupId) => {
      await store.remove(backupId);
    },
  };
}
