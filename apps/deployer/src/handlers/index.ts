import type { RpcEndpoint } from '@swarmops/bus';
import { createDeploymentsHandlers } from './deployments.js';
import type { HandlerDeps } from './deps.js';
import { createNodeHandlers } from './node.js';
import { createRestoreHandlers } from './restore.js';
import { createServiceHandlers } from './service.js';
import { createStackHandlers } from './stack.js';

export type { HandlerDeps } from './deps.js';

/** Every subject the deployer answers, one group per file. */
export function createDeployerHandlers(deps: HandlerDeps): RpcEndpoint[] {
  return [
    ...createStackHandlers(deps),
    ...createServiceHandlers(deps),
    ...createDeploymentsHandlers(deps),
    ...createNodeHandlers(deps),
    ...createRestoreHandlers(deps),
  ];
}
