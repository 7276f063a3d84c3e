import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { DeployerRpc } from '@swarmops/contracts';
import type { HandlerDeps } from './deps.js';

/** deployments list and get. */
export function createDeploymentsHandlers({ engine }: HandlerDeps): RpcEndpoint[] {
  return [
    endpoint(DeployerRpc.deploymentsList, (req) => engine.list(req)),
    endpoint(DeployerRpc.deploymentsGet, (req) => engine.get(req.id)),
  ];
}
