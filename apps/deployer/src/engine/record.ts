import { errorMessage } from '@swarmops/bus';
import type { DeploymentSummary, ServiceReplicas } from '@swarmops/contracts';
import type { Verdicts } from './converge.js';
import { rollbackRun } from './rollback.js';
import { createRun } from './run.js';
import type { Run, RunInit } from './run.js';
import { DeployFailure } from './types.js';
import type { EngineDeps } from './types.js';
import { imageOf } from '../domain/container-spec.js';

/** Records a running deployment with its started event (CONFLICT when the stack has one) and wraps it. */
export async function startRun(deps: EngineDeps, init: Omit<RunInit, 'startedAt'>): Promise<Run> {
  const startedAt = deps.now();
  const summary: DeploymentSummary = {
    id: init.id,
    stack: init.stack,
    kind: init.target.kind,
    version: init.version,
    strategy: init.target.strategy,
    status: 'running',
    requestedBy: init.requestedBy,
    startedAt: startedAt.toISOString(),
    finishedAt: null,
    error: null,
    recovery: null,
    services: init.services,
  };
  await deps.repo.insert(
    {
      id: init.id,
      clusterId: deps.clusterId,
      stack: init.stack,
      kind: init.target.kind,
      version: init.version,
      strategy: init.target.strategy,
      status: 'running',
      requestedBy: init.requestedBy,
      services: init.services,
      target: init.target,
      previous: init.previous,
      owner: deps.owner,
    },
    [deps.events.status(deps.clusterId, summary)],
  );
  const run = createRun(deps, { ...init, startedAt });
  await run.step('start', 'info', `deployment of ${init.stack} version ${init.version} started`, init.stack);
  return run;
}

/** Records the deployed compose file with the images the tasks run, resolved to digests or ids. */
export async function recordVersion(deps: EngineDeps, run: Run, verdicts: Verdicts): Promise<void> {
  const digests: Record<string, string> = {};
  for (const [name, v] of verdicts) {
    const image = imageOf(v.service.spec);
    if (image === undefined) continue;
    digests[name] = await deps.docker.resolveImage(image);
  }
  await deps.repo.insertVersion(deps.clusterId, {
    stack: run.stack,
    version: run.version,
    compose: run.target.compose ?? '',
    env: run.target.env,
    strategy: run.target.strategy ?? 'rolling',
    deploymentId: run.id,
    digests,
  });
  await run.step('record-version', 'succeeded', `recorded version ${run.version}`, run.stack, { digests });
}

/** Ends a failed deployment: rolls the whole stack back; `rolled-back`, or `failed` if that failed too. */
export async function finishFailed(
  deps: EngineDeps,
  run: Run,
  err: unknown,
  recovery?: 'rolled-back',
): Promise<DeploymentSummary> {
  const reason = errorMessage(err);
  deps.logger.warn(
    { deploymentId: run.id, stack: run.stack, err: reason },
    'deployment failed; rolling back',
  );
  const withdrawn = err instanceof DeployFailure && err.withdrawn;
  await run.step(withdrawn ? 'withdraw' : 'fail', 'failed', reason, run.stack);
  let services: ServiceReplicas[] = [];
  try {
    const result = await rollbackRun(deps, run, reason);
    services = result.services;
    const status = result.ok ? 'rolled-back' : 'failed';
    return await run.finish({
      status,
      error: result.error,
      services,
      ...(recovery === undefined ? {} : { recovery }),
    });
  } catch (rollbackErr) {
    const error = `${reason}; the rollback also failed: ${errorMessage(rollbackErr)}`;
    return run.finish({ status: 'failed', error, services, ...(recovery === undefined ? {} : { recovery }) });
  }
}
