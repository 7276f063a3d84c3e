import { createHash } from 'node:crypto';
import { errorMessage } from '@swarmops/bus';
import type { BusLogger } from '@swarmops/bus';
import { AppError, BackupEventType, ErrorCode, isAppError } from '@swarmops/contracts';
import type { BackupSummary, BackupTrigger } from '@swarmops/contracts';
import type { BackupsRepo } from './adapters/backups-repo.js';
import type { BackupEventInput, BackupEvents } from './adapters/backup-events.js';
import type { ClusterState } from './domain/cluster-state.js';
import type { BackupMetrics } from './metrics.js';
import type { ArchiveCodec, ArchiveStore, CaptureCluster, DumpDatabase } from './ports.js';

/** A validated `backup.create` request. */
export interface BackupRequest {
  stacks?: string[] | undefined;
  wait: boolean;
  backupId?: string | undefined;
  trigger: BackupTrigger;
  requestedBy?: string | undefined;
}

/** Everything a backup run touches, injected. */
export interface BackupRunDeps {
  clusterId: () => Promise<string>;
  capture: CaptureCluster;
  dumpDatabase: DumpDatabase;
  codec: ArchiveCodec;
  store: ArchiveStore;
  repo: BackupsRepo;
  events: BackupEvents;
  metrics: BackupMetrics;
  /** Which of this cluster's archives to remove (retention), given all of them newest first. */
  selectPrune: (summaries: BackupSummary[], now: Date) => string[];
  swarmopsVersion: string;
  now: () => Date;
  newBackupId: (now: Date) => string;
  logger: BusLogger;
}

/** Runs backups one at a time. */
export interface BackupRunner {
  /**
   * Captures, dumps, writes, stores, records and prunes. Replies with the stored archive's summary; with
   * `wait: false` it replies as soon as the archive is stored and prunes afterwards (the reply needs the
   * archive's size and checksum, so it cannot come earlier; progress events follow the run either way).
   */
  create(request: BackupRequest): Promise<BackupSummary>;
  /** The id of the backup in flight, if any. */
  running(): string | null;
  /** Resolves when the run in flight (retention included) has ended. */
  settled(): Promise<void>;
}

const STEPS = ['capture cluster', 'pg_dump', 'write archive', 'store archive', 'retention'] as const;

/** Creates the runner. A second `create` while one runs is refused with CONFLICT naming the running one. */
export function createBackupRunner(deps: BackupRunDeps): BackupRunner {
  let current: { id: string; done: Promise<void> } | null = null;
  return {
    running: () => current?.id ?? null,
    settled: async () => {
      await current?.done;
    },
    async create(request) {
      if (current !== null) {
        throw new AppError(ErrorCode.CONFLICT, `backup ${current.id} is running; wait for it to end`, {
          details: { backupId: current.id },
        });
      }
      const startedAt = deps.now();
      const id = request.backupId ?? deps.newBackupId(startedAt);
      let stored!: (summary: BackupSummary) => void;
      const storedP = new Promise<BackupSummary>((resolve) => (stored = resolve));
      const run = runBackup(deps, id, request, startedAt, stored);
      const entry = {
        id,
        done: run.then(
          () => undefined,
          () => undefined,
        ),
      };
      current = entry;
      void entry.done.finally(() => {
        if (current === entry) current = null;
      });
      if (request.wait) return run;
      return Promise.race([storedP, run]);
    },
  };
}

async function runBackup(
  deps: BackupRunDeps,
  id: string,
  request: BackupRequest,
  startedAt: Date,
  onStored: (summary: BackupSummary) => void,
): Promise<BackupSummary> {
  const stacks = request.stacks === undefined ? null : [...new Set(request.stacks)].sort();
  const requestedBy = request.requestedBy ?? null;
  const clusterId = await deps.clusterId();
  if ((await deps.store.stat(id)) !== null) {
    throw new AppError(ErrorCode.CONFLICT, `backup id ${id} is already used`, { details: { backupId: id } });
  }
  const total = STEPS.length;
  const event = (
    type: BackupEventType,
    done: number,
    message: string,
    more: Partial<BackupEventInput> = {},
  ) =>
    deps.events.envelope(type, clusterId, {
      backupId: id,
      step: STEPS[Math.max(0, done - 1)] ?? '',
      done,
      total,
      message,
      ...more,
    });
  const progress = (done: number, message: string) =>
    deps.events.progress(BackupEventType.progress, clusterId, {
      backupId: id,
      step: STEPS[done - 1] ?? '',
      done,
      total,
      message,
    });
  await deps.repo.start({ id, clusterId, trigger: request.trigger, requestedBy, stacks, startedAt }, [
    event(
      BackupEventType.started,
      0,
      stacks === null ? 'backup of the whole cluster started' : `backup of ${stacks.join(', ')} started`,
    ),
  ]);
  const log = deps.logger;
  let step: string = STEPS[0];
  try {
    const archive = await produceArchive(deps, { id, stacks, startedAt }, (done, message) => {
      step = STEPS[done] ?? step;
      return progress(done, message);
    });
    step = STEPS[3];
    const finishedAt = deps.now();
    const summary = await deps.store.put(archive.file, {
      backupId: id,
      createdAt: startedAt.toISOString(),
      sizeBytes: archive.file.length,
      sha256: createHash('sha256').update(archive.file).digest('hex'),
      counts: archive.counts,
      clusterId: archive.clusterId,
      encrypted: archive.encrypted,
      stacks,
      trigger: request.trigger,
      swarmopsVersion: deps.swarmopsVersion,
      durationMs: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
      requestedBy,
    });
    await deps.repo.succeed(id, summary, finishedAt, [
      event(BackupEventType.succeeded, 4, `backup stored at ${summary.location}`, { extra: { summary } }),
    ]);
    deps.metrics.observeRun('backup', 'succeeded', summary.durationMs / 1000);
    deps.metrics.observeArchive(summary.sizeBytes, finishedAt);
    log.info({ backupId: id, location: summary.location, sizeBytes: summary.sizeBytes }, 'backup stored');
    await progress(4, `archive stored at ${summary.location}`);
    onStored(summary);
    step = STEPS[4];
    await prune(deps, clusterId);
    await progress(5, 'retention applied');
    return summary;
  } catch (err) {
    const message = `backup ${id} failed at ${step}: ${errorMessage(err)}`;
    const at = deps.now();
    await deps.repo
      .fail(id, message, at, [
        event(BackupEventType.failed, STEPS.indexOf(step as (typeof STEPS)[number]), message, {
          error: message,
        }),
      ])
      .catch((recordErr: unknown) =>
        log.error({ backupId: id, err: errorMessage(recordErr) }, 'backup failure not recorded'),
      );
    deps.metrics.observeRun('backup', 'failed', (at.getTime() - startedAt.getTime()) / 1000);
    log.warn({ backupId: id, step, err: errorMessage(err) }, 'backup failed');
    if (isAppError(err)) throw err;
    throw new AppError(ErrorCode.INTERNAL, message, { cause: err, details: { backupId: id, step } });
  }
}

/** The archive file of one run, before it is stored. */
interface ProducedArchive {
  file: Buffer;
  encrypted: boolean;
  counts: BackupSummary['counts'];
  clusterId: string;
}

/** Capture, pg_dump, write and (with a key) encrypt; `progress(n)` after step n ends. */
async function produceArchive(
  deps: BackupRunDeps,
  run: { id: string; stacks: string[] | null; startedAt: Date },
  progress: (done: number, message: string) => Promise<void>,
): Promise<ProducedArchive> {
  const state = await deps.capture(run.stacks);
  assertStacksFound(run.stacks, state);
  const { services, networks, configs, secrets } = state;
  await progress(
    1,
    `captured ${services.length} services, ${networks.length} networks, ${configs.length} configs, ${secrets.length} secrets`,
  );
  const database = await deps.dumpDatabase();
  await progress(2, `database dumped (${database.length} bytes)`);
  const { bytes, manifest } = await deps.codec.write(
    { ...state, database },
    {
      backupId: run.id,
      clusterId: state.clusterId,
      createdAt: run.startedAt.toISOString(),
      swarmopsVersion: deps.swarmopsVersion,
      stacks: run.stacks,
    },
  );
  const sealed = deps.codec.seal(bytes);
  const file = sealed ?? bytes;
  await progress(3, `archive written (${file.length} bytes${sealed === null ? '' : ', encrypted'})`);
  return { file, encrypted: sealed !== null, counts: manifest.counts, clusterId: state.clusterId };
}

/** A requested stack that has neither services nor recorded versions is a typo, not an empty backup. */
function assertStacksFound(stacks: string[] | null, state: ClusterState): void {
  if (stacks === null) return;
  const found = new Set([
    ...state.stacks.map((s) => s.name),
    ...state.services.flatMap((s) => (s.stack === null ? [] : [s.stack])),
  ]);
  const missing = stacks.filter((s) => !found.has(s));
  if (missing.length === 0) return;
  throw new AppError(
    ErrorCode.NOT_FOUND,
    `stack ${missing.join(', ')} not found: no services and no deployed versions`,
    {
      details: { stacks: missing },
    },
  );
}

/** Retention over this cluster's archives only: another cluster's archives in a shared store are left alone. */
async function prune(deps: BackupRunDeps, clusterId: string): Promise<void> {
  const log = deps.logger;
  try {
    const own = (await deps.store.list()).filter((s) => s.clusterId === clusterId);
    const ids = deps.selectPrune(own, deps.now());
    for (const id of ids) await deps.store.remove(id);
    await deps.repo.markPruned(clusterId, ids);
    if (ids.length > 0) log.info({ clusterId, pruned: ids }, 'old archives pruned');
  } catch (err) {
    log.warn({ clusterId, err: errorMessage(err) }, 'retention not applied');
  }
}
