import type Dockerode from 'dockerode';
import type { CanaryOptions, Strategy } from '@swarmops/contracts';
import { isJob } from '../domain/rolling-defaults.js';
import { replicasOf, temporaryName, temporarySpec } from '../domain/temporary-spec.js';
import type { TemporaryRole } from '../domain/temporary-spec.js';
import { mapBounded, sleep } from './bounded.js';
import { judgeNow, waitConverged } from './converge.js';
import type { Run } from './run.js';
import { DeployFailure } from './types.js';
import type { EngineDeps } from './types.js';

/** One canonical service to move to a new spec. */
export interface UpdateItem {
  name: string;
  spec: Dockerode.ServiceSpec;
  restartsTasks: boolean;
}

/**
 * Applies the updates of a deployment by strategy. Rolling: Swarm's native update of every service.
 * Blue-green and canary run a temporary service beside each one whose tasks restart; a change that
 * restarts nothing (labels, replicas) and jobs are updated in place in every strategy.
 */
export async function applyUpdates(
  deps: EngineDeps,
  run: Run,
  items: UpdateItem[],
  strategy: Strategy,
  canary: CanaryOptions | null,
): Promise<void> {
  const inPlace = strategy === 'rolling' ? items : items.filter((i) => !i.restartsTasks || isJob(i.spec));
  const beside = items.filter((i) => !inPlace.includes(i));
  await mapBounded(inPlace, deps.maxParallel, (item) => updateCanonical(deps, run, item, 'update-service'));
  const options = canary ?? { replicas: 1, windowSeconds: 30 };
  await mapBounded(beside, deps.maxParallel, (item) =>
    strategy === 'blue-green' ? blueGreen(deps, run, item) : canaryRelease(deps, run, item, options),
  );
}

/** Updates the canonical service with Swarm's version index (re-read once if it moved meanwhile). */
export async function updateCanonical(
  deps: EngineDeps,
  run: Run,
  item: UpdateItem,
  stepName: string,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const live = await deps.docker.findService(item.name);
    if (live === null) throw new DeployFailure(`service ${item.name} disappeared before its update`);
    try {
      await deps.docker.updateService(live.id, live.version, item.spec);
      break;
    } catch (err) {
      if (attempt >= 2 || !/out of sequence/i.test(String((err as Error).message))) throw err;
    }
  }
  await run.step(
    stepName,
    'succeeded',
    `updated ${item.name}${item.restartsTasks ? ' (tasks restart)' : ''}`,
    item.name,
  );
}

async function blueGreen(deps: EngineDeps, run: Run, item: UpdateItem): Promise<void> {
  const replicas = replicasOf(item.spec) ?? 1;
  const green = await startTemporary(deps, run, item, 'green', replicas);
  await run.step(
    'switch-traffic',
    'started',
    `${green} is healthy beside ${item.name}; moving ${item.name} to the new spec`,
    item.name,
  );
  await updateCanonical(deps, run, item, 'update-service');
  await waitConverged(deps, run, [item.name], { since: run.startedAt, deadline: run.deadline });
  await run.step('switch-traffic', 'succeeded', `${item.name} runs the new spec`, item.name);
  await removeTemporary(deps, run, green);
}

async function canaryRelease(
  deps: EngineDeps,
  run: Run,
  item: UpdateItem,
  options: CanaryOptions,
): Promise<void> {
  const name = await startTemporary(deps, run, item, 'canary', options.replicas);
  await watchCanary(deps, run, name, options);
  await run.step(
    'promote',
    'started',
    `canary healthy for ${options.windowSeconds}s; promoting ${item.name}`,
    item.name,
  );
  await updateCanonical(deps, run, item, 'update-service');
  await waitConverged(deps, run, [item.name], { since: run.startedAt, deadline: run.deadline });
  await run.step('promote', 'succeeded', `${item.name} runs the new spec`, item.name);
  await removeTemporary(deps, run, name);
}

async function startTemporary(
  deps: EngineDeps,
  run: Run,
  item: UpdateItem,
  role: TemporaryRole,
  replicas: number,
): Promise<string> {
  const name = temporaryName(item.name, role);
  await deps.docker.createService(temporarySpec(item.spec, role, replicas));
  await run.step(
    `create-${role}`,
    'succeeded',
    `created ${name} with ${replicas} replica(s) beside ${item.name}`,
    name,
  );
  // One failed canary task is enough to withdraw it; it need not wait for the deployment timeout.
  await waitConverged(deps, run, [name], {
    since: run.startedAt,
    deadline: run.deadline,
    failureLimit: role === 'canary' ? 1 : undefined,
  });
  await run.step(
    `create-${role}`,
    'info',
    `${name} converged: its tasks are healthy and serve the alias`,
    name,
  );
  return name;
}

/** The canary must keep its tasks running without restarts (and the query under its bound) for the window. */
async function watchCanary(deps: EngineDeps, run: Run, name: string, options: CanaryOptions): Promise<void> {
  const end = deps.now().getTime() + options.windowSeconds * 1000;
  await run.step('watch-canary', 'started', `watching ${name} for ${options.windowSeconds}s`, name);
  const first = await deps.docker.findService(name);
  const startTasks = first === null ? 0 : (await deps.docker.tasks([first.id])).length;
  let lastQuery = 0;
  while (deps.now().getTime() < end) {
    const v = (await judgeNow(deps, [name], { since: run.startedAt, deadline: run.deadline })).get(name);
    if (v === null || v === undefined)
      throw new DeployFailure(`canary ${name} disappeared`, { withdrawn: true });
    const tasks = await deps.docker.tasks([v.service.id]);
    const restarts = tasks.length - startTasks;
    if (v.convergence.state !== 'converged' || restarts > 0) {
      throw new DeployFailure(
        `canary ${name} withdrawn: ${restarts > 0 ? `${restarts} task restart(s)` : v.convergence.reason}`,
        { withdrawn: true },
      );
    }
    if (options.prometheusQuery !== undefined && deps.now().getTime() - lastQuery >= 5000) {
      lastQuery = deps.now().getTime();
      await checkQuery(deps, name, options);
    }
    await sleep(deps.pollMs ?? 500);
  }
  if (options.prometheusQuery !== undefined) await checkQuery(deps, name, options);
  await run.step('watch-canary', 'succeeded', `${name} stayed healthy for ${options.windowSeconds}s`, name);
}

async function checkQuery(deps: EngineDeps, name: string, options: CanaryOptions): Promise<void> {
  const query = options.prometheusQuery ?? '';
  if (deps.prometheus === null) {
    throw new DeployFailure(`canary ${name} withdrawn: prometheusQuery given but PROMETHEUS_URL is not set`, {
      withdrawn: true,
    });
  }
  const value = await deps.prometheus(query);
  const max = options.prometheusMax ?? 0;
  if (value !== null && value > max) {
    throw new DeployFailure(`canary ${name} withdrawn: ${query} = ${value} > ${max}`, { withdrawn: true });
  }
}

/** Scales a temporary service to 0 (its tasks get their stop grace period) and removes it. */
export async function removeTemporary(deps: EngineDeps, run: Run | null, name: string): Promise<void> {
  const live = await deps.docker.findService(name);
  if (live === null) return;
  const mode = live.spec.Mode as { Replicated?: unknown } | undefined;
  if (mode?.Replicated !== undefined) {
    await deps.docker.updateService(live.id, live.version, {
      ...live.spec,
      Mode: { Replicated: { Replicas: 0 } },
    });
    const deadline = deps.now().getTime() + 60_000;
    while (deps.now().getTime() < deadline) {
      const tasks = await deps.docker.tasks([live.id]);
      if (
        tasks.every(
          (t) =>
            !['running', 'starting', 'preparing', 'assigned', 'accepted', 'ready', 'pending', 'new'].includes(
              t.state,
            ),
        )
      )
        break;
      await sleep(deps.pollMs ?? 500);
    }
  }
  await deps.docker.removeService(live.id);
  await run?.step('remove-service', 'succeeded', `removed ${name}`, name);
}
