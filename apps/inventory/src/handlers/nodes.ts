import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { InventoryRpc } from '@swarmops/contracts';
import type { ReadHandlerDeps } from './deps.js';

/** `nodes.list` (by role, status, label) and `nodes.get` (by id or hostname). */
export function createNodesHandlers({ reader }: ReadHandlerDeps): RpcEndpoint[] {
  return [
    endpoint(InventoryRpc.nodesList, (req) => reader.listNodes(req)),
    endpoint(InventoryRpc.nodesGet, (req) => reader.getNode(req.id)),
  ];
}
