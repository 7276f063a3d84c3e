import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { DeployerRpc } from '@swarmops/contracts';
import type { HandlerDeps } from './deps.js';

/** service scale, image update, rollback and restart. */
export function createServiceHandlers({ engine }: HandlerDeps): RpcEndpoint[] {
  return [
    endpoint(DeployerRpc.serviceScale, (req) => engine.scale(req)),
    endpoint(DeployerRpc.serviceUpdate, (req) => engine.updateImage(req)),
    endpoint(DeployerRpc.serviceRollback, (req) => engine.rollbackService(req)),
    endpoint(DeployerRpc.serviceRestart, (req) => engine.restart(req)),
  ];
}
