import type Dockerode from 'dockerode';
import { AppError } from '@swarmops/contracts';
import type {
  DeploymentKind,
  DeploymentSummary,
  ServiceChangeData,
  ServiceScaleData,
} from '@swarmops/contracts';
import { STACK_IMAGE_LABEL, STACK_NAMESPACE_LABEL } from '../domain/live.js';
import type { LiveService } from '../domain/live.js';
import { withRollingDefaults } from '../domain/rolling-defaults.js';
import type { DesiredHealthcheck } from '../compose/types.js';
import { replicasOf, waitConverged } from './converge.js';
import { finishFailed, startRun } from './record.js';
import type { Run } from './run.js';
import type { Tracker } from './tracker.js';
import { emptyTarget } from './types.js';
import type { EngineDeps } from './types.js';
import { containerSpecOf, imageOf, withContainerSpec } from '../domain/container-spec.js';

/** Fields every service change request carries. */
export interface ServiceChangeInput {
  service: string;
  wait: boolean;
  timeoutSeconds?: number | undefined;
  deploymentId?: string | undefined;
  requestedBy?: string | undefined;
}

/** Scales a replicated service and (by default) waits for the new count to run. */
export async function scaleService(
  deps: EngineDeps,
  tracker: Tracker,
  input: ServiceChangeInput & { replicas: number },
): Promise<ServiceScaleData> {
  const live = await requireService(deps, input.service);
  const mode = live.spec.Mode;
  if (mode !== undefined && mode.Replicated === undefined) {
    throw new AppError(
      'INVALID_REQUEST',
      `service ${live.name} is not replicated: only replicated services scale`,
      {
        details: { issues: [{ path: 'service', message: 'not a replicated service' }] },
      },
    );
  }
  const spec = { ...live.spec, Mode: { Replicated: { Replicas: input.replicas } } };
  const summary = await changeService(deps, tracker, 'scale', live, spec, input, false);
  const replicas = summary.services[0]?.replicas ?? { desired: input.replicas, running: 0 };
  return {
    service: live.name,
    replicas,
    converged: summary.status === 'succeeded',
    deploymentId: summary.id,
  };
}

/** Rolls a service to a new image (Swarm's rolling update) and updates its stack image label. */
export async function updateServiceImage(
  deps: EngineDeps,
  tracker: Tracker,
  input: ServiceChangeInput & { image: string },
): Promise<ServiceChangeData> {
  const live = await requireService(deps, input.service);
  const base = withContainerSpec(
    { ...live.spec, Labels: { ...live.spec.Labels, [STACK_IMAGE_LABEL]: input.image } },
    (c) => ({
      ...c,
      Image: input.image,
    }),
  );
  const spec = withRollingDefaults(base, healthcheckOf(live.spec));
  return toChangeData(
    live,
    input.image,
    await changeService(deps, tracker, 'update-image', live, spec, input, false),
  );
}

/** Asks Swarm for its native rollback to the service's previous spec. */
export async function rollbackService(
  deps: EngineDeps,
  tracker: Tracker,
  input: ServiceChangeInput,
): Promise<ServiceChangeData> {
  const live = await requireService(deps, input.service);
  if (live.previousSpec === null) {
    throw new AppError('NOT_FOUND', `service ${live.name} has no previous spec to roll back to`, {
      details: { service: live.name },
    });
  }
  const image = imageOf(live.previousSpec) ?? '';
  return toChangeData(
    live,
    image,
    await changeService(deps, tracker, 'rollback-service', live, live.previousSpec, input, true),
  );
}

/**
 * Restarts a service with a force update (`docker service update --force`): the same spec with
 * `TaskTemplate.ForceUpdate` bumped, so Swarm replaces every task under the service's own update config. A
 * paused update is superseded. Recorded as a deployment of kind `restart`, with `reason` in its step.
 */
export async function restartService(
  deps: EngineDeps,
  tracker: Tracker,
  input: ServiceChangeInput & { reason?: string | undefined },
): Promise<ServiceChangeData> {
  const live = await requireService(deps, input.service);
  const template = live.spec.TaskTemplate ?? {};
  const force = ((template as { ForceUpdate?: number }).ForceUpdate ?? 0) + 1;
  const spec: Dockerode.ServiceSpec = { ...live.spec, TaskTemplate: { ...template, ForceUpdate: force } };
  const summary = await changeService(deps, tracker, 'restart', live, spec, input, false, input.reason);
  return toChangeData(live, imageOf(live.spec) ?? '', summary);
}

async function changeService(
  deps: EngineDeps,
  tracker: Tracker,
  kind: DeploymentKind,
  live: LiveService,
  spec: Dockerode.ServiceSpec,
  input: ServiceChangeInput,
  nativeRollback: boolean,
  reason?: string,
): Promise<DeploymentSummary> {
  const stack = live.spec.Labels?.[STACK_NAMESPACE_LABEL] ?? live.name;
  const target = emptyTarget(kind, input.timeoutSeconds ?? deps.defaultTimeoutSeconds);
  Object.assign(target, {
    strategy: 'rolling',
    services: { [live.name]: spec },
    updated: [live.name],
    nativeRollback,
  });
  const version = await deps.repo.latestVersion(deps.clusterId, stack);
  const desired = spec.Mode?.Replicated?.Replicas ?? 0;
  const run = await startRun(deps, {
    id: input.deploymentId ?? deps.newId(),
    stack,
    version,
    target,
    previous: { version, services: { [live.name]: live.spec } },
    requestedBy: input.requestedBy ?? null,
    services: [{ name: live.name, replicas: { desired, running: 0 } }],
  });
  const work = tracker.track(run.id, () => executeChange(deps, run, live, spec, nativeRollback, reason));
  if (input.wait) return work;
  return {
    id: run.id,
    stack,
    kind,
    version,
    strategy: 'rolling',
    status: 'running',
    requestedBy: input.requestedBy ?? null,
    startedAt: run.startedAt.toISOString(),
    finishedAt: null,
    error: null,
    recovery: null,
    services: [{ name: live.name, replicas: { desired, running: 0 } }],
  };
}

async function executeChange(
  deps: EngineDeps,
  run: Run,
  live: LiveService,
  spec: Dockerode.ServiceSpec,
  nativeRollback: boolean,
  reason?: string,
) {
  const done = nativeRollback
    ? `asked Swarm to roll ${live.name} back`
    : run.target.kind === 'restart'
      ? `restarted ${live.name} (force update)`
      : `updated ${live.name}`;
  try {
    await deps.docker.updateService(live.id, live.version, nativeRollback ? live.spec : spec, nativeRollback);
    await run.step(
      run.target.kind,
      'succeeded',
      reason === undefined ? done : `${done}: ${reason}`,
      live.name,
    );
    const verdicts = await waitConverged(deps, run, [live.name], {
      since: run.startedAt,
      deadline: run.deadline,
      expectRollback: nativeRollback,
    });
    await run.step('converge', 'succeeded', `${live.name} converged`, live.name);
    return await run.finish({ status: 'succeeded', error: null, services: replicasOf(verdicts) });
  } catch (err) {
    return finishFailed(deps, run, err);
  }
}

async function requireService(deps: EngineDeps, ref: string): Promise<LiveService> {
  const live = await deps.docker.findService(ref);
  if (live === null)
    throw new AppError('NOT_FOUND', `service ${ref} not found`, { details: { service: ref } });
  return live;
}

function toChangeData(live: LiveService, image: string, summary: DeploymentSummary): ServiceChangeData {
  const replicas = summary.services[0]?.replicas ?? { desired: 0, running: 0 };
  return {
    deploymentId: summary.id,
    status: summary.status,
    service: live.name,
    image,
    replicas,
    ...(summary.error === null ? {} : { error: summary.error }),
  };
}

function healthcheckOf(spec: Dockerode.ServiceSpec): DesiredHealthcheck | null {
  const hc = (containerSpecOf(spec) as { Healthcheck?: unknown } | undefined)?.Healthcheck as
    | { Test?: string[]; Interval?: number; Timeout?: number; Retries?: number; StartPeriod?: number }
    | undefined;
  if (hc?.Test === undefined || hc.Test[0] === 'NONE') return null;
  const s = 1_000_000_000;
  return {
    intervalNs: hc.Interval ?? 30 * s,
    timeoutNs: hc.Timeout ?? 30 * s,
    retries: hc.Retries ?? 3,
    startPeriodNs: hc.StartPeriod ?? 0,
    startIntervalNs: 0,
  };
}
