import type { NatsConnection } from '@nats-io/nats-core';
import { request } from '@swarmops/bus';
import { DeployerRpc } from '@swarmops/contracts';
import type { NodeUpdateData, ServiceChangeData } from '@swarmops/contracts';

/** Who asks the deployer, as recorded on its deployments. */
export const HEALING_REQUESTED_BY = 'health/self-healing';

/** What healing asks of the deployer (health changes the cluster only through it). */
export interface HealingDeployer {
  /** Stacks with a deployment in status `running`. */
  runningStacks(): Promise<string[]>;
  /** `service.restart` (a force update), waiting for convergence. */
  restart(input: { service: string; reason: string; deploymentId: string }): Promise<ServiceChangeData>;
  /** `node.update` to `drain`. */
  drain(input: { node: string; reason: string }): Promise<NodeUpdateData>;
}

/** The deployer over NATS. `timeoutMs` bounds the wait for a restart's convergence. */
export function createHealingDeployer(
  nc: NatsConnection,
  { timeoutMs }: { timeoutMs: number },
): HealingDeployer {
  return {
    async runningStacks() {
      const stacks = new Set<string>();
      let cursor: string | undefined;
      do {
        const page = await request(
          nc,
          DeployerRpc.deploymentsList,
          { status: 'running', limit: 1000, ...(cursor === undefined ? {} : { cursor }) },
          { timeoutMs: 10_000 },
        );
        for (const d of page.items) stacks.add(d.stack);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return [...stacks];
    },
    restart({ service, reason, deploymentId }) {
      return request(
        nc,
        DeployerRpc.serviceRestart,
        {
          service,
          reason,
          wait: true,
          deploymentId,
          timeoutSeconds: Math.min(3600, Math.max(5, Math.floor(timeoutMs / 1000) - 5)),
          requestedBy: HEALING_REQUESTED_BY,
        },
        { timeoutMs },
      );
    },
    drain({ node, reason }) {
      return request(
        nc,
        DeployerRpc.nodeUpdate,
        { node, availability: 'drain', reason, requestedBy: HEALING_REQUESTED_BY },
        { timeoutMs: 30_000 },
      );
    },
  };
}
