import type { RpcEndpoint } from '@swarmops/bus';
import { createClusterHandlers } from './cluster.js';
import type { ReadHandlerDeps } from './deps.js';
import { createNodesHandlers } from './nodes.js';
import { createObjectsHandlers } from './objects.js';
import { createServicesHandlers } from './services.js';
import { createStacksHandlers } from './stacks.js';
import { createTasksHandlers } from './tasks.js';

export type { ReadHandlerDeps } from './deps.js';

/** Every subject inventory answers, one group per file. */
export function createReadHandlers(deps: ReadHandlerDeps): RpcEndpoint[] {
  return [
    ...createNodesHandlers(deps),
    ...createServicesHandlers(deps),
    ...createTasksHandlers(deps),
    ...createStacksHandlers(deps),
    ...createObjectsHandlers(deps),
    ...createClusterHandlers(deps),
  ];
}
