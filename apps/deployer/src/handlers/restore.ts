import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { DeployerRpc } from '@swarmops/contracts';
import type { HandlerDeps } from './deps.js';

/** restore.apply: backup's restore putting archived objects back, as a deployment of kind `restore`. */
export function createRestoreHandlers({ engine }: HandlerDeps): RpcEndpoint[] {
  return [endpoint(DeployerRpc.restoreApply, (req) => engine.restoreApply(req))];
}
