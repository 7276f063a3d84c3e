import { errorMessage } from '@swarmops/bus';
import type { DeploymentStep, DeploymentSummary, ServiceReplicas } from '@swarmops/contracts';
import type { DeploymentEnd } from '../adapters/deployments-repo.js';
import type { DeployTarget, EngineDeps, PreviousState } from './types.js';

/** One deployment in flight: its record, timeline and progress, owned by this deployer. */
export interface Run {
  readonly id: string;
  readonly stack: string;
  readonly version: number;
  readonly target: DeployTarget;
  readonly previous: PreviousState;
  readonly startedAt: Date;
  /** The instant the deployment's timeout ends. */
  readonly deadline: Date;
  /** Appends a step to the timeline and reports it as progress. */
  step(
    name: string,
    status: DeploymentStep['status'],
    message: string,
    subject?: string | null,
    details?: Record<string, unknown>,
  ): Promise<void>;
  /** Publishes a progress event (done of total units). */
  progress(done: number, total: number, message: string): Promise<void>;
  /** Records the end, with its event, and updates the metrics. */
  finish(end: DeploymentEnd): Promise<DeploymentSummary>;
}

/** What {@link createRun} records about the deployment. */
export interface RunInit {
  id: string;
  stack: string;
  version: number;
  target: DeployTarget;
  previous: PreviousState;
  startedAt: Date;
  requestedBy: string | null;
  services: ServiceReplicas[];
}

/** Wraps a recorded running deployment; steps are written one after another, in order. */
export function createRun(deps: EngineDeps, init: RunInit): Run {
  let chain: Promise<void> = Promise.resolve();
  let units = 0;
  const log = deps.logger;
  const base = {
    id: init.id,
    stack: init.stack,
    kind: init.target.kind,
    version: init.version,
    strategy: init.target.strategy,
    requestedBy: init.requestedBy,
    startedAt: init.startedAt.toISOString(),
  };
  return {
    id: init.id,
    stack: init.stack,
    version: init.version,
    target: init.target,
    previous: init.previous,
    startedAt: init.startedAt,
    deadline: new Date(init.startedAt.getTime() + init.target.timeoutSeconds * 1000),
    step(name, status, message, subject = null, details) {
      const at = deps.now();
      const write = async () => {
        try {
          await deps.repo.addStep(init.id, {
            name,
            status,
            message,
            subject,
            at,
            ...(details === undefined ? {} : { details }),
          });
        } catch (err) {
          log.warn({ deploymentId: init.id, step: name, err: errorMessage(err) }, 'step not recorded');
        }
        units += 1;
        await deps.events.progress(deps.clusterId, {
          deploymentId: init.id,
          stack: init.stack,
          progress: units,
          message,
        });
      };
      chain = chain.then(write);
      return chain;
    },
    async progress(done, total, message) {
      await deps.events.progress(deps.clusterId, {
        deploymentId: init.id,
        stack: init.stack,
        progress: done,
        total,
        message,
      });
    },
    async finish(end) {
      await chain;
      const finishedAt = deps.now();
      const summary: DeploymentSummary = {
        ...base,
        status: end.status,
        finishedAt: finishedAt.toISOString(),
        error: end.error,
        recovery: end.recovery ?? null,
        services: end.services,
      };
      await deps.repo.finish(init.id, end, [deps.events.status(deps.clusterId, summary)]);
      const labels = {
        kind: init.target.kind,
        strategy: init.target.strategy ?? 'none',
        outcome: end.status,
      };
      deps.metrics.deployments.inc(labels);
      deps.metrics.duration.observe(labels, (finishedAt.getTime() - init.startedAt.getTime()) / 1000);
      log.info(
        { deploymentId: init.id, stack: init.stack, status: end.status, error: end.error },
        'deployment finished',
      );
      return summary;
    },
  };
}
