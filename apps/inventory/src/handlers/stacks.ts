import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { InventoryRpc } from '@swarmops/contracts';
import type { ReadHandlerDeps } from './deps.js';

/** `stacks.list` and `stacks.get` (by name). */
export function createStacksHandlers({ reader }: ReadHandlerDeps): RpcEndpoint[] {
  return [
    endpoint(InventoryRpc.stacksList, (req) => reader.listStacks(req)),
    endpoint(InventoryRpc.stacksGet, (req) => reader.getStack(req.name)),
  ];
}
