import { errorMessage } from '@swarmops/bus';
import { isTemporaryService, STACK_VERSION_LABEL } from '../domain/live.js';
import type { LiveObject } from '../domain/live.js';
import { diffSpecs } from '../domain/spec-diff.js';
import { withNetworkNames } from '../domain/plan.js';
import { mapBounded } from './bounded.js';
import { replicasOf, waitConverged } from './converge.js';
import type { Verdicts } from './converge.js';
import { removeObjects } from './objects.js';
import type { Run } from './run.js';
import { removeTemporary } from './strategies.js';
import type { EngineDeps } from './types.js';
import type { ServiceReplicas } from '@swarmops/contracts';

/** How a whole-stack rollback ended. */
export interface RollbackResult {
  ok: boolean;
  error: string | null;
  services: ServiceReplicas[];
}

const ROLLBACK_TIMEOUT_MS = 180_000;

/**
 * Puts the stack back as it was: temporary services and services this deployment created are
 * removed, updated services get their previous spec again (skipped when Swarm already restored it),
 * then the restored services must converge. Objects this deployment created are removed last.
 */
export async function rollbackRun(deps: EngineDeps, run: Run, reason: string): Promise<RollbackResult> {
  await run.step('rollback', 'started', `rolling back: ${reason}`, run.stack);
  const problems: string[] = [];
  const live = await deps.docker.readStack(run.stack);
  const temporaries = live.services.filter((s) => isTemporaryService(s.name)).map((s) => s.name);
  const createdServices = run.target.created.filter((n) => run.previous.services[n] === undefined);
  await mapBounded([...temporaries, ...createdServices], deps.maxParallel, async (name) => {
    try {
      await removeTemporary(deps, run, name);
    } catch (err) {
      problems.push(`remove ${name}: ${errorMessage(err)}`);
    }
  });
  const names = await deps.docker.networkNames();
  const restored: string[] = [];
  for (const name of run.target.updated) {
    const previous = run.previous.services[name];
    const current = await deps.docker.findService(name);
    if (previous === undefined || current === null) continue;
    restored.push(name);
    if (diffSpecs(withNetworkNames(current.spec, names), withNetworkNames(previous, names)).length === 0)
      continue;
    try {
      await deps.docker.updateService(current.id, current.version, previous);
      await run.step('rollback', 'info', `restored the previous spec of ${name}`, name);
    } catch (err) {
      problems.push(`restore ${name}: ${errorMessage(err)}`);
    }
  }
  let verdicts: Verdicts = new Map();
  if (problems.length === 0 && restored.length > 0) {
    try {
      const deadline = new Date(deps.now().getTime() + ROLLBACK_TIMEOUT_MS);
      verdicts = await waitConverged(deps, run, restored, {
        since: deps.now(),
        deadline,
        expectRollback: true,
      });
    } catch (err) {
      problems.push(errorMessage(err));
    }
  }
  // Objects carry the version that created them, so a recovered run (whose in-memory list died with its
  // owner) still finds what it created.
  const tag = String(run.version);
  const created = (listed: string[], objects: LiveObject[]) => [
    ...new Set([
      ...listed,
      ...objects.filter((o) => o.labels[STACK_VERSION_LABEL] === tag).map((o) => o.name),
    ]),
  ];
  const objectProblems = await removeObjects(deps, run, {
    networks: created(run.target.createdNetworks, live.networks),
    configs: created(run.target.createdConfigs, live.configs),
    secrets: created(run.target.createdSecrets, live.secrets),
  });
  if (problems.length > 0) {
    const error = `${reason}; the rollback also failed: ${problems.join('; ')}`;
    await run.step('rollback', 'failed', error, run.stack);
    return { ok: false, error, services: replicasOf(verdicts) };
  }
  const note = objectProblems.length > 0 ? ` (left behind: ${objectProblems.join('; ')})` : '';
  await run.step('rollback', 'succeeded', `the previous version runs again${note}`, run.stack);
  return {
    ok: true,
    error: `${reason}; rolled back to the previous version`,
    services: replicasOf(verdicts),
  };
}
