import { errorMessage } from '@swarmops/bus';
import { isTemporaryService } from '../domain/live.js';
import { decideRecovery } from '../domain/recovery.js';
import type { RecoveredService } from '../domain/recovery.js';
import { diffSpecs } from '../domain/spec-diff.js';
import { withNetworkNames } from '../domain/plan.js';
import type { DeploymentRow } from '../adapters/deployments-repo.js';
import { judgeNow } from './converge.js';
import { finishConverged } from './deploy.js';
import { finishFailed } from './record.js';
import { executeRemove } from './remove.js';
import { createRun } from './run.js';
import type { Run } from './run.js';
import type { Tracker } from './tracker.js';
import type { DeployTarget, EngineDeps, PreviousState } from './types.js';

/**
 * Adopts running deployments whose owner stopped heartbeating (3 heartbeats) and finishes each:
 * resumes it when the live stack is on its target (succeeded, or keeps waiting), otherwise rolls it
 * back. Records a step saying which, and `recovery` on the row. Returns the adopted ids.
 */
export async function recoverOrphans(deps: EngineDeps, tracker: Tracker): Promise<string[]> {
  const staleBefore = new Date(deps.now().getTime() - 3 * deps.heartbeatSeconds * 1000);
  const rows = await deps.repo.listStale(deps.clusterId, staleBefore);
  const adopted: string[] = [];
  for (const row of rows) {
    if (tracker.ids().includes(row.id)) continue;
    if (!(await deps.repo.adopt(row.id, row.owner, deps.owner))) continue;
    adopted.push(row.id);
    const run = createRun(deps, {
      id: row.id,
      stack: row.stack,
      version: row.version,
      target: row.target as DeployTarget,
      previous: row.previous as PreviousState,
      startedAt: new Date(row.startedAt),
      requestedBy: row.requestedBy,
      services: row.services,
    });
    void tracker.track(row.id, () => finishOrphan(deps, run, row));
  }
  return adopted;
}

async function finishOrphan(deps: EngineDeps, run: Run, row: DeploymentRow) {
  deps.logger.warn(
    { deploymentId: row.id, stack: row.stack, owner: row.owner },
    'adopting an orphaned deployment',
  );
  await run.step('recover', 'info', `adopted from ${row.owner}, silent since ${row.heartbeatAt}`, row.stack);
  try {
    if (run.target.kind === 'remove') {
      await run.step('recover', 'info', 'resuming the removal', row.stack);
      return await executeRemove(deps, run);
    }
    const names = Object.keys(run.target.services);
    const verdicts = await judgeNow(deps, names, {
      since: run.startedAt,
      deadline: run.deadline,
      expectRollback: run.target.nativeRollback,
    });
    const networkNames = await deps.docker.networkNames();
    const services: RecoveredService[] = names.map((name) => {
      const v = verdicts.get(name) ?? null;
      if (v === null) return { name, found: false };
      const spec = run.target.services[name];
      const onTarget =
        run.target.nativeRollback ||
        diffSpecs(withNetworkNames(v.service.spec, networkNames), withNetworkNames(spec ?? {}, networkNames))
          .length === 0;
      return { name, found: true, onTarget, convergence: v.convergence };
    });
    const live = await deps.docker.readStack(run.stack);
    const temporaryLeft = live.services.filter((s) => isTemporaryService(s.name)).map((s) => s.name);
    const decision = decideRecovery({ services, temporaryLeft });
    if (decision.action === 'rollback') {
      await run.step('recover', 'info', `rolling back: ${decision.reason}`, row.stack, {
        recovery: 'rolled-back',
      });
      return await finishFailed(
        deps,
        run,
        new Error(`deployer restarted mid-deploy; ${decision.reason}`),
        'rolled-back',
      );
    }
    await run.step('recover', 'info', `resuming: ${decision.reason}`, row.stack, { recovery: 'resumed' });
    // A resumed deployment gets a fresh timeout: its owner's clock stopped with it.
    const resumed = { ...run, deadline: new Date(deps.now().getTime() + run.target.timeoutSeconds * 1000) };
    return await finishConverged(deps, resumed, names, 'resumed');
  } catch (err) {
    await run.step('recover', 'failed', errorMessage(err), row.stack);
    return finishFailed(deps, run, err, 'rolled-back');
  }
}

/** Runs recovery now and then every `periodMs`; returns a stop function. */
export function startRecoveryLoop(deps: EngineDeps, tracker: Tracker, periodMs: number): () => void {
  let stopped = false;
  const tick = () => {
    recoverOrphans(deps, tracker).catch((err: unknown) => {
      deps.logger.warn({ err: errorMessage(err) }, 'recovery pass failed');
    });
  };
  const timer = setInterval(() => {
    if (!stopped) tick();
  }, periodMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
