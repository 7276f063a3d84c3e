import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { InventoryRpc } from '@swarmops/contracts';
import type { ReadHandlerDeps } from './deps.js';

/** `cluster.summary`: counts, managers, leader, swarm id and engine versions. */
export function createClusterHandlers({ reader }: ReadHandlerDeps): RpcEndpoint[] {
  return [endpoint(InventoryRpc.clusterSummary, () => reader.summary())];
}
