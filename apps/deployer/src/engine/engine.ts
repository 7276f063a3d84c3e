import { AppError } from '@swarmops/contracts';
import type { Plan } from '@swarmops/contracts';
import { deployStack } from './deploy.js';
import type { DeployInput } from './deploy.js';
import { prepareStack } from './prepare.js';
import { recoverOrphans, startRecoveryLoop } from './recovery.js';
import { removeStack } from './remove.js';
import { applyRestore } from './restore-apply.js';
import type { RestoreApplyInput } from './restore-apply.js';
import { restartService, rollbackService, scaleService, updateServiceImage } from './service-ops.js';
import { createTracker } from './tracker.js';
import type { EngineDeps } from './types.js';

export type Engine = ReturnType<typeof createEngine>;

/** The deploy engine: every change to the cluster, one runner per deployment, recovery of orphans. */
export function createEngine(deps: EngineDeps) {
  const tracker = createTracker(deps);
  let stopRecovery: (() => void) | null = null;
  return {
    deploy: (input: DeployInput) => deployStack(deps, tracker, input),
    async plan(input: {
      stack: string;
      compose: string;
      env?: Record<string, string> | undefined;
    }): Promise<Plan> {
      return (await prepareStack(deps, input)).set.plan;
    },
    remove: (input: Parameters<typeof removeStack>[2]) => removeStack(deps, tracker, input),
    /** Re-applies the compose file and env of a recorded version, as a new version. */
    async rollbackStack(
      input: Omit<DeployInput, 'compose' | 'env' | 'dryRun' | 'stack'> & { name: string; version: number },
    ) {
      const stored = await deps.repo.getVersion(deps.clusterId, input.name, input.version);
      if (stored === null) {
        throw new AppError('NOT_FOUND', `stack ${input.name} has no version ${input.version}`, {
          details: { stack: input.name, version: input.version },
        });
      }
      const { name, version: _version, ...rest } = input;
      return deployStack(deps, tracker, {
        ...rest,
        stack: name,
        compose: stored.compose,
        env: stored.env,
        dryRun: false,
        kind: 'rollback-stack',
      });
    },
    scale: (input: Parameters<typeof scaleService>[2]) => scaleService(deps, tracker, input),
    updateImage: (input: Parameters<typeof updateServiceImage>[2]) =>
      updateServiceImage(deps, tracker, input),
    rollbackService: (input: Parameters<typeof rollbackService>[2]) => rollbackService(deps, tracker, input),
    /** Force-updates a service: every task replaced, a paused update superseded. */
    restart: (input: Parameters<typeof restartService>[2]) => restartService(deps, tracker, input),
    /** Puts archived objects back (backup's restore), as a deployment of kind `restore`. */
    restoreApply: (input: RestoreApplyInput) => applyRestore(deps, tracker, input),
    list: (query: Parameters<EngineDeps['repo']['list']>[1]) => deps.repo.list(deps.clusterId, query),
    async get(id: string) {
      const deployment = await deps.repo.get(deps.clusterId, id);
      if (deployment === null)
        throw new AppError('NOT_FOUND', `deployment ${id} not found`, { details: { id } });
      return deployment;
    },
    /** Adopts orphans now, then every heartbeat period. */
    async startRecovery(): Promise<string[]> {
      const adopted = await recoverOrphans(deps, tracker);
      stopRecovery ??= startRecoveryLoop(deps, tracker, deps.heartbeatSeconds * 1000);
      return adopted;
    },
    recoverNow: () => recoverOrphans(deps, tracker),
    running: () => tracker.ids(),
    /** Stops recovery and heartbeats after the running deployments end (or `timeoutMs` passes). */
    async drain(timeoutMs: number): Promise<void> {
      stopRecovery?.();
      await tracker.drain(timeoutMs);
      tracker.stop();
    },
  };
}
