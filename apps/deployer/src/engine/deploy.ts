import type { CanaryOptions, DeployStackData, DeploymentKind, Strategy } from '@swarmops/contracts';
import { mapBounded } from './bounded.js';
import { replicasOf, waitConverged } from './converge.js';
import { createObjects, removeObjects, resolveSpec } from './objects.js';
import { prepareStack } from './prepare.js';
import type { Prepared } from './prepare.js';
import { finishFailed, recordVersion, startRun } from './record.js';
import type { Run } from './run.js';
import { applyUpdates, removeTemporary } from './strategies.js';
import type { Tracker } from './tracker.js';
import { emptyTarget } from './types.js';
import type { EngineDeps, PreviousState } from './types.js';

/** A stack deploy as the engine takes it (validated by the contract). */
export interface DeployInput {
  stack: string;
  compose: string;
  env?: Record<string, string> | undefined;
  strategy: Strategy;
  canary?: CanaryOptions | undefined;
  dryRun: boolean;
  wait: boolean;
  timeoutSeconds?: number | undefined;
  deploymentId?: string | undefined;
  requestedBy?: string | undefined;
  kind?: DeploymentKind;
}

/** Deploys a compose file: plan, record, apply by strategy, converge, clean up; rolls back on failure. */
export async function deployStack(
  deps: EngineDeps,
  tracker: Tracker,
  input: DeployInput,
): Promise<DeployStackData> {
  const prepared = await prepareStack(deps, input);
  const { set } = prepared;
  const id = input.deploymentId ?? deps.newId();
  const timeoutSeconds = input.timeoutSeconds ?? deps.defaultTimeoutSeconds;
  const target = emptyTarget(input.kind ?? 'deploy', timeoutSeconds);
  Object.assign(target, {
    strategy: input.strategy,
    compose: input.compose,
    env: input.env ?? {},
    canary: input.canary ?? null,
    created: set.createServices.map((c) => c.desired.fullName),
    updated: set.updateServices.map((u) => u.desired.fullName),
    removeServices: set.removeServices.map((s) => s.name),
    removeNetworks: set.removeNetworks.map((n) => n.name),
    removeConfigs: set.removeConfigs.map((c) => c.name),
    removeSecrets: set.removeSecrets.map((s) => s.name),
  });
  for (const c of set.createServices) target.services[c.desired.fullName] = c.spec;
  for (const u of set.updateServices) target.services[u.desired.fullName] = u.spec;
  const previous: PreviousState = {
    version: set.plan.version - 1,
    services: Object.fromEntries(set.updateServices.map((u) => [u.live.name, u.live.spec])),
  };
  const services = prepared.desired.services.map((s) => ({
    name: s.fullName,
    replicas: { desired: s.replicas ?? 0, running: 0 },
  }));
  const base = { deploymentId: id, stack: input.stack, version: set.plan.version, services };
  if (input.dryRun) {
    await deps.repo.insert(
      {
        id,
        clusterId: deps.clusterId,
        stack: input.stack,
        kind: target.kind,
        version: set.plan.version,
        strategy: input.strategy,
        status: 'planned',
        requestedBy: input.requestedBy ?? null,
        services,
        target: { ...target, compose: null, env: {} },
        previous,
        owner: deps.owner,
      },
      [],
    );
    deps.metrics.deployments.inc({ kind: target.kind, strategy: input.strategy, outcome: 'planned' });
    return { ...base, status: 'planned', plan: set.plan };
  }
  const run = await startRun(deps, {
    id,
    stack: input.stack,
    version: set.plan.version,
    target,
    previous,
    requestedBy: input.requestedBy ?? null,
    services,
  });
  const work = tracker.track(run.id, () => executeDeploy(deps, run, prepared));
  if (!input.wait) return { ...base, status: 'running', plan: set.plan };
  const summary = await work;
  return {
    ...base,
    status: summary.status,
    services: summary.services,
    plan: set.plan,
    ...(summary.error === null ? {} : { error: summary.error }),
  };
}

async function executeDeploy(deps: EngineDeps, run: Run, prepared: Prepared) {
  const { set, desired } = prepared;
  try {
    const s = set.plan.summary;
    await run.step(
      'plan',
      'info',
      `${s.create} to create, ${s.update} to update (${s.restarts} restart tasks), ${s.remove} to remove, ${s.unchanged} unchanged`,
      run.stack,
      { summary: s },
    );
    await createObjects(deps, run, {
      networks: set.createNetworks,
      configs: set.createConfigs,
      secrets: set.createSecrets,
    });
    await mapBounded(set.createServices, deps.maxParallel, async (c) => {
      await deps.docker.createService(await resolveSpec(deps, c.spec, run.version));
      await run.step('create-service', 'succeeded', `created ${c.desired.fullName}`, c.desired.fullName);
    });
    const updates = await Promise.all(
      set.updateServices.map(async (u) => ({
        name: u.desired.fullName,
        spec: await resolveSpec(deps, u.spec, run.version),
        restartsTasks: u.restartsTasks,
      })),
    );
    await applyUpdates(deps, run, updates, run.target.strategy ?? 'rolling', run.target.canary);
    return await finishConverged(
      deps,
      run,
      desired.services.map((d) => d.fullName),
    );
  } catch (err) {
    return finishFailed(deps, run, err);
  }
}

/** Waits for the target, removes what the file no longer has, records the version and succeeds. */
export async function finishConverged(deps: EngineDeps, run: Run, names: string[], recovery?: 'resumed') {
  const watched = names.length > 0 ? names : Object.keys(run.target.services);
  await run.step('converge', 'started', `waiting for ${watched.length} service(s) to converge`, run.stack);
  const verdicts = await waitConverged(deps, run, watched, { since: run.startedAt, deadline: run.deadline });
  await run.step('converge', 'succeeded', 'every service converged', run.stack);
  await mapBounded(run.target.removeServices, deps.maxParallel, (name) => removeTemporary(deps, run, name));
  const leftovers = await removeObjects(deps, run, {
    networks: run.target.removeNetworks,
    configs: run.target.removeConfigs,
    secrets: run.target.removeSecrets,
  });
  if (run.target.compose !== null) await recordVersion(deps, run, verdicts);
  const error = leftovers.length > 0 ? `converged; left behind: ${leftovers.join('; ')}` : null;
  return run.finish({
    status: 'succeeded',
    error,
    services: replicasOf(verdicts),
    ...(recovery === undefined ? {} : { recovery }),
  });
}
