import { errorMessage } from '@swarmops/bus';
import type { BusLogger } from '@swarmops/bus';
import { AppError, BackupEventType, ErrorCode } from '@swarmops/contracts';
import type { RestoreApplyData, RestoreApplyItem, RestoreResult } from '@swarmops/contracts';
import type { BackupEvents } from './adapters/backup-events.js';
import type { RestoresRepo } from './adapters/restores-repo.js';
import type { RestoreSteps } from './ports.js';
import { inspectBackup, invalidArchiveError } from './verify-run.js';
import type { VerifyDeps, VerifyRequest } from './verify-run.js';

/** A validated `backup.restore` request. */
export interface RestoreRequest extends VerifyRequest {
  dryRun: boolean;
  wait: boolean;
  timeoutSeconds?: number | undefined;
  restoreId?: string | undefined;
  requestedBy?: string | undefined;
}

/** One group of items for the deployer's `restore.apply`, with the restore's fields. */
export interface ApplyRequest {
  restoreId: string;
  stack: string | null;
  items: RestoreApplyItem[];
  wait: boolean;
  timeoutSeconds?: number;
  requestedBy?: string;
}

/** Everything a restore touches, injected. */
export interface RestoreRunDeps extends VerifyDeps {
  clusterId: () => Promise<string>;
  groups: RestoreSteps['groups'];
  apply: RestoreSteps['apply'];
  /** `swarmops.deployer.restore.apply`. */
  deployer: (request: ApplyRequest) => Promise<RestoreApplyData>;
  repo: RestoresRepo;
  events: BackupEvents;
  newId: () => string;
  logger: BusLogger;
}

/** Runs restores one at a time. */
export interface RestoreRunner {
  /**
   * Verifies (refusing an invalid archive with INVALID_REQUEST listing the problems, nothing changed), plans,
   * and unless `dryRun` applies the plan through the deployer one group at a time. `wait: false` replies
   * `running` once the restore is recorded; events report the rest.
   */
  restore(request: RestoreRequest): Promise<RestoreResult>;
  settled(): Promise<void>;
}

/** Creates the runner. A second restore while one applies is refused with CONFLICT. */
export function createRestoreRunner(deps: RestoreRunDeps): RestoreRunner {
  let current: { id: string; done: Promise<unknown> } | null = null;
  return {
    settled: async () => {
      await current?.done;
    },
    async restore(request) {
      if (current !== null) {
        throw new AppError(ErrorCode.CONFLICT, `restore ${current.id} is running; wait for it to end`, {
          details: { restoreId: current.id },
        });
      }
      const restoreId = request.restoreId ?? deps.newId();
      const entry = { id: restoreId, done: Promise.resolve() as Promise<unknown> };
      current = entry;
      try {
        const started = await startRestore(deps, restoreId, request);
        if (started.applying === null) return started.result;
        entry.done = started.applying.catch(() => undefined);
        return request.wait ? await started.applying : started.result;
      } finally {
        void entry.done.finally(() => {
          if (current === entry) current = null;
        });
      }
    },
  };
}

async function startRestore(
  deps: RestoreRunDeps,
  restoreId: string,
  request: RestoreRequest,
): Promise<{ result: RestoreResult; applying: Promise<RestoreResult> | null }> {
  const startedAt = deps.now();
  const inspection = await inspectBackup(deps, request);
  const { result: verified, archive } = inspection;
  if (!verified.valid || verified.plan === null || archive === null) throw invalidArchiveError(verified);
  const clusterId = await deps.clusterId();
  const plan = verified.plan;
  const base: RestoreResult = {
    restoreId,
    backupId: request.backupId,
    status: request.dryRun ? 'planned' : 'running',
    plan,
    deploymentIds: [],
    applied: [],
    error: null,
    startedAt: startedAt.toISOString(),
    finishedAt: request.dryRun ? deps.now().toISOString() : null,
  };
  const requestedBy = request.requestedBy ?? null;
  if (request.dryRun) {
    await deps.repo.insert(clusterId, base, requestedBy, []);
    deps.metrics.observeRun('restore', 'planned', seconds(startedAt, deps.now()));
    return { result: base, applying: null };
  }
  const groups = deps.groups(plan, archive, inspection.secretValues);
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  const event = (type: BackupEventType, done: number, message: string, error: string | null = null) =>
    deps.events.envelope(type, clusterId, {
      backupId: request.backupId,
      restoreId,
      step: 'restore',
      done,
      total,
      message,
      error,
    });
  const { create, update } = plan.counts;
  await deps.repo.insert(clusterId, base, requestedBy, [
    event(BackupEventType.restoreStarted, 0, `restore started: ${create} to create, ${update} to update`),
  ]);
  const applying = applyRestore(deps, { request, restoreId, clusterId, base, groups, total, event });
  return { result: base, applying };
}

interface Applying {
  request: RestoreRequest;
  restoreId: string;
  clusterId: string;
  base: RestoreResult;
  groups: ReturnType<RestoreSteps['groups']>;
  total: number;
  event: (
    type: BackupEventType,
    done: number,
    message: string,
    error?: string | null,
  ) => ReturnType<BackupEvents['envelope']>;
}

async function applyRestore(deps: RestoreRunDeps, run: Applying): Promise<RestoreResult> {
  const { request, restoreId, clusterId, base } = run;
  let outcome: Awaited<ReturnType<RestoreSteps['apply']>>;
  try {
    outcome = await deps.apply({
      plan: base.plan,
      groups: run.groups,
      deployer: (group) =>
        deps.deployer({
          restoreId,
          stack: group.stack,
          items: group.items,
          wait: true,
          ...(request.timeoutSeconds === undefined ? {} : { timeoutSeconds: request.timeoutSeconds }),
          ...(request.requestedBy === undefined ? {} : { requestedBy: request.requestedBy }),
        }),
      onProgress: (done, total, message) =>
        deps.events.progress(BackupEventType.restoreProgress, clusterId, {
          backupId: request.backupId,
          restoreId,
          step: 'apply',
          done,
          total,
          message,
        }),
    });
  } catch (err) {
    outcome = { outcomes: [], deploymentIds: [], error: errorMessage(err) };
  }
  const finishedAt = deps.now();
  const failed = outcome.error !== null || outcome.outcomes.some((o) => o.outcome === 'failed');
  const error = failed ? (outcome.error ?? firstFailure(outcome.outcomes)) : null;
  const result: RestoreResult = {
    ...base,
    status: failed ? 'failed' : 'succeeded',
    deploymentIds: outcome.deploymentIds,
    applied: outcome.outcomes,
    error,
    finishedAt: finishedAt.toISOString(),
  };
  const done = outcome.outcomes.length;
  const final = failed
    ? run.event(BackupEventType.restoreFailed, done, `restore failed: ${error ?? 'unknown'}`, error)
    : run.event(BackupEventType.restoreSucceeded, done, `restore succeeded: ${summarize(outcome.outcomes)}`);
  try {
    await deps.repo.finish(result, [final]);
  } catch (err) {
    deps.logger.error({ restoreId, err: errorMessage(err) }, 'restore end not recorded');
  }
  deps.metrics.observeRun('restore', result.status, seconds(new Date(base.startedAt), finishedAt));
  deps.logger.info(
    { restoreId, backupId: request.backupId, status: result.status, error },
    'restore finished',
  );
  return result;
}

function firstFailure(outcomes: RestoreResult['applied']): string {
  const f = outcomes.find((o) => o.outcome === 'failed');
  return f === undefined ? 'a group failed' : `${f.kind} ${f.name}: ${f.error ?? 'failed'}`;
}

function summarize(outcomes: RestoreResult['applied']): string {
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o.outcome, (counts.get(o.outcome) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing to apply';
}

function seconds(from: Date, to: Date): number {
  return Math.max(0, (to.getTime() - from.getTime()) / 1000);
}
