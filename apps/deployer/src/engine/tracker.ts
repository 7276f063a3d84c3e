import { errorMessage } from '@swarmops/bus';
import type { DeploymentSummary } from '@swarmops/contracts';
import type { EngineDeps } from './types.js';

/** The deployments this deployer runs now: heartbeats them and lets shutdown wait for them. */
export interface Tracker {
  /** Runs `work` as deployment `id`; it keeps its heartbeat until it settles. */
  track(id: string, work: () => Promise<DeploymentSummary>): Promise<DeploymentSummary>;
  ids(): string[];
  /** Waits up to `timeoutMs` for the running deployments (a later deployer recovers the rest). */
  drain(timeoutMs: number): Promise<void>;
  stop(): void;
}

/** Creates the tracker and starts its heartbeat timer. */
export function createTracker(deps: EngineDeps): Tracker {
  const active = new Map<string, Promise<unknown>>();
  const beat = setInterval(() => {
    deps.repo.heartbeat([...active.keys()], deps.owner).catch((err: unknown) => {
      deps.logger.warn({ err: errorMessage(err) }, 'heartbeat failed');
    });
  }, deps.heartbeatSeconds * 1000);
  beat.unref();
  return {
    track(id, work) {
      deps.metrics.running.inc();
      const promise = work().finally(() => {
        active.delete(id);
        deps.metrics.running.dec();
      });
      promise.catch((err: unknown) => {
        deps.logger.error({ deploymentId: id, err: errorMessage(err) }, 'deployment could not be finished');
      });
      active.set(id, promise);
      return promise;
    },
    ids: () => [...active.keys()],
    async drain(timeoutMs) {
      const all = Promise.allSettled([...active.values()]);
      await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    },
    stop() {
      clearInterval(beat);
    },
  };
}
