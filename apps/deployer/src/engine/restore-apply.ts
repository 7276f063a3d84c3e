import type Dockerode from 'dockerode';
import type { z } from 'zod';
import { errorMessage } from '@swarmops/bus';
import type {
  RestoreApplyData,
  RestoreApplyOutcome,
  RestoreApplyRequestSchema,
  ServiceReplicas,
} from '@swarmops/contracts';
import { replicasOf, waitConverged } from './converge.js';
import { mapBounded } from './bounded.js';
import { applyDecision, readRefIds } from './restore-items.js';
import { createNetworkRecovery } from './restore-networks.js';
import { KIND_ORDER, prepareRestore } from './restore-prepare.js';
import type { RestoreDecision } from './restore-prepare.js';
import { startRun } from './record.js';
import type { Run } from './run.js';
import type { Tracker } from './tracker.js';
import { emptyTarget } from './types.js';
import type { EngineDeps } from './types.js';

/** A restore.apply request as the contract parses it. */
export type RestoreApplyInput = z.output<typeof RestoreApplyRequestSchema>;

/** The deployment stack of a restore's cluster-wide group (no Docker stack can be named so). */
export const CLUSTER_RESTORE_STACK = '-cluster-';

/**
 * Puts archived objects back as one deployment of kind `restore`: decides every item from the live cluster,
 * records the deployment (CONFLICT while the stack has one running), applies the items in kind order with a
 * step each, then waits for the services it created or updated to converge. Idempotent: what already matches
 * is `unchanged`. A failed item fails the deployment but not the other items; nothing is rolled back.
 */
export async function applyRestore(
  deps: EngineDeps,
  tracker: Tracker,
  input: RestoreApplyInput,
): Promise<RestoreApplyData> {
  const decisions = await prepareRestore(deps, input.items);
  const stack = input.stack ?? CLUSTER_RESTORE_STACK;
  const target = emptyTarget('restore', input.timeoutSeconds ?? deps.defaultTimeoutSeconds);
  const previous: Record<string, Dockerode.ServiceSpec> = {};
  for (const d of decisions) {
    if (d.item.kind !== 'service' || (d.action !== 'create' && d.action !== 'update')) continue;
    if (!('spec' in d)) continue;
    target.services[d.item.name] = d.spec;
    if (d.action === 'create') target.created.push(d.item.name);
    else if ('live' in d) {
      target.updated.push(d.item.name);
      previous[d.item.name] = d.live.spec;
    }
  }
  const version = input.stack === null ? 0 : await deps.repo.latestVersion(deps.clusterId, input.stack);
  const watched = Object.keys(target.services);
  const services = watched.map((name) => ({
    name,
    replicas: { desired: desiredOf(target.services[name]), running: 0 },
  }));
  const run = await startRun(deps, {
    id: input.deploymentId ?? deps.newId(),
    stack,
    version,
    target,
    previous: { version, services: previous },
    requestedBy: input.requestedBy ?? null,
    services,
  });
  let applied: (outcomes: RestoreApplyOutcome[]) => void = () => undefined;
  const outcomesReady = new Promise<RestoreApplyOutcome[]>((resolve) => {
    applied = resolve;
  });
  const work = tracker.track(run.id, async () => {
    let outcomes: RestoreApplyOutcome[];
    try {
      outcomes = await applyAll(deps, run, input.restoreId, decisions);
    } catch (err) {
      // Only the record can fail here (each item's own failure is its outcome).
      outcomes = decisions.map((d) => ({
        kind: d.item.kind,
        name: d.item.name,
        outcome: 'failed',
        error: errorMessage(err),
      }));
    }
    applied(outcomes);
    return finishRestore(deps, run, outcomes, watched);
  });
  if (!input.wait) {
    const outcomes = await Promise.race([outcomesReady, work.then(() => outcomesReady)]);
    return { deploymentId: run.id, status: 'running', outcomes, services };
  }
  const summary = await work;
  const outcomes = await outcomesReady;
  return {
    deploymentId: run.id,
    status: summary.status === 'succeeded' ? 'succeeded' : 'failed',
    outcomes,
    services: summary.services.length > 0 ? summary.services : services,
  };
}

async function applyAll(
  deps: EngineDeps,
  run: Run,
  restoreId: string,
  decisions: RestoreDecision[],
): Promise<RestoreApplyOutcome[]> {
  const count = (a: string) => decisions.filter((d) => d.action === a).length;
  await run.step(
    'restore',
    'info',
    `restore ${restoreId}: ${decisions.length} item(s), ${count('create')} to create, ${count('update')} to update, ${count('unchanged')} unchanged, ${count('skip')} skipped, ${count('fail')} failing`,
    run.stack,
    { restoreId },
  );
  // Each service resolves its references on the live swarm when it is applied (after the networks, configs
  // and secrets of this restore: kinds apply in order), creating a network that is gone by then.
  const context = {
    refIds: () => readRefIds(deps),
    networks: createNetworkRecovery(
      deps,
      run,
      decisions.map((d) => d.item),
    ),
  };
  const outcomes: RestoreApplyOutcome[] = [];
  for (const kind of KIND_ORDER) {
    const group = decisions.filter((d) => d.item.kind === kind);
    // Swarm and node changes one at a time (the manager guard reads the others); the rest in parallel.
    const limit = kind === 'swarm' || kind === 'node' ? 1 : deps.maxParallel;
    outcomes.push(...(await mapBounded(group, limit, (d) => applyDecision(deps, run, d, context))));
  }
  return outcomes;
}

async function finishRestore(deps: EngineDeps, run: Run, outcomes: RestoreApplyOutcome[], watched: string[]) {
  const failed = outcomes.filter((o) => o.outcome === 'failed');
  const names = watched.filter((n) =>
    outcomes.some(
      (o) => o.kind === 'service' && o.name === n && (o.outcome === 'created' || o.outcome === 'updated'),
    ),
  );
  let services: ServiceReplicas[] = [];
  let convergeError: string | null = null;
  if (names.length > 0) {
    try {
      await run.step('converge', 'started', `waiting for ${names.length} service(s) to converge`, run.stack);
      const verdicts = await waitConverged(deps, run, names, {
        since: run.startedAt,
        deadline: run.deadline,
      });
      services = replicasOf(verdicts);
      await run.step('converge', 'succeeded', 'every restored service converged', run.stack);
    } catch (err) {
      convergeError = errorMessage(err);
      await run.step('converge', 'failed', convergeError, run.stack);
    }
  }
  const problems = [
    ...failed.map((o) => `${o.kind} ${o.name}: ${o.error ?? 'failed'}`),
    ...(convergeError === null ? [] : [convergeError]),
  ];
  return run.finish({
    status: problems.length === 0 ? 'succeeded' : 'failed',
    error: problems.length === 0 ? null : problems.join('; '),
    services,
  });
}

function desiredOf(spec: Dockerode.ServiceSpec | undefined): number {
  return spec?.Mode?.Replicated?.Replicas ?? 0;
}
