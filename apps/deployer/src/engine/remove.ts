import { AppError } from '@swarmops/contracts';
import type { RemoveStackData } from '@swarmops/contracts';
import { mapBounded } from './bounded.js';
import { removeObjects } from './objects.js';
import { startRun } from './record.js';
import type { Run } from './run.js';
import type { Tracker } from './tracker.js';
import { emptyTarget } from './types.js';
import type { EngineDeps } from './types.js';

/** Removes every service, network, config and secret of a stack (its recorded versions stay). */
export async function removeStack(
  deps: EngineDeps,
  tracker: Tracker,
  input: {
    name: string;
    wait: boolean;
    timeoutSeconds?: number | undefined;
    deploymentId?: string | undefined;
    requestedBy?: string | undefined;
  },
): Promise<RemoveStackData> {
  const live = await deps.docker.readStack(input.name);
  const count = live.services.length + live.networks.length + live.configs.length + live.secrets.length;
  if (count === 0)
    throw new AppError('NOT_FOUND', `stack ${input.name} not found`, { details: { stack: input.name } });
  const target = emptyTarget('remove', input.timeoutSeconds ?? deps.defaultTimeoutSeconds);
  Object.assign(target, {
    removeServices: live.services.map((s) => s.name),
    removeNetworks: live.networks.map((n) => n.name),
    removeConfigs: live.configs.map((c) => c.name),
    removeSecrets: live.secrets.map((s) => s.name),
  });
  const version = await deps.repo.latestVersion(deps.clusterId, input.name);
  const run = await startRun(deps, {
    id: input.deploymentId ?? deps.newId(),
    stack: input.name,
    version,
    target,
    previous: { version, services: Object.fromEntries(live.services.map((s) => [s.name, s.spec])) },
    requestedBy: input.requestedBy ?? null,
    services: [],
  });
  const removed = {
    services: target.removeServices,
    networks: target.removeNetworks,
    configs: target.removeConfigs,
    secrets: target.removeSecrets,
  };
  const work = tracker.track(run.id, () => executeRemove(deps, run));
  if (!input.wait) return { deploymentId: run.id, status: 'running', stack: input.name, removed };
  const summary = await work;
  return {
    deploymentId: run.id,
    status: summary.status,
    stack: input.name,
    removed,
    ...(summary.error === null ? {} : { error: summary.error }),
  };
}

/** Services first (so networks and objects are free), then the rest; a removal is never rolled back. */
export async function executeRemove(deps: EngineDeps, run: Run) {
  try {
    await mapBounded(run.target.removeServices, deps.maxParallel, async (name) => {
      const live = await deps.docker.findService(name);
      if (live !== null) await deps.docker.removeService(live.id);
      await run.step('remove-service', 'succeeded', `removed ${name}`, name);
    });
    const problems = await removeObjects(
      deps,
      run,
      {
        networks: run.target.removeNetworks,
        configs: run.target.removeConfigs,
        secrets: run.target.removeSecrets,
      },
      60_000,
    );
    if (problems.length > 0)
      return await run.finish({
        status: 'failed',
        error: `not removed: ${problems.join('; ')}`,
        services: [],
      });
    return await run.finish({ status: 'succeeded', error: null, services: [] });
  } catch (err) {
    return run.finish({
      status: 'failed',
      error: err instanceof Error ? err.message : String(err),
      services: [],
    });
  }
}
