import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { InventoryRpc } from '@swarmops/contracts';
import type { ReadHandlerDeps } from './deps.js';

/** `tasks.list`, by service (id or name), node (id or hostname) or state. */
export function createTasksHandlers({ reader }: ReadHandlerDeps): RpcEndpoint[] {
  return [endpoint(InventoryRpc.tasksList, (req) => reader.listTasks(req))];
}
