import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { DeployerRpc } from '@swarmops/contracts';
import type { HandlerDeps } from './deps.js';

/** stack deploy, plan, remove and rollback. */
export function createStackHandlers({ engine }: HandlerDeps): RpcEndpoint[] {
  return [
    endpoint(DeployerRpc.stackDeploy, (req) =>
      engine.deploy({
        stack: req.name,
        compose: req.compose,
        env: req.env,
        strategy: req.strategy,
        canary: req.canary,
        dryRun: req.dryRun,
        wait: req.wait,
        timeoutSeconds: req.timeoutSeconds,
        deploymentId: req.deploymentId,
        requestedBy: req.requestedBy,
      }),
    ),
    endpoint(DeployerRpc.stackPlan, (req) =>
      engine.plan({ stack: req.name, compose: req.compose, env: req.env }),
    ),
    endpoint(DeployerRpc.stackRemove, (req) => engine.remove(req)),
    endpoint(DeployerRpc.stackRollback, (req) => engine.rollbackStack(req)),
  ];
}
