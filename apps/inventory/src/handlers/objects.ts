import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { InventoryRpc } from '@swarmops/contracts';
import type { ReadHandlerDeps } from './deps.js';

/** `networks.list`, `configs.list` and `secrets.list` (metadata only), by stack or label. */
export function createObjectsHandlers({ reader }: ReadHandlerDeps): RpcEndpoint[] {
  return [
    endpoint(InventoryRpc.networksList, (req) => reader.listNetworks(req)),
    endpoint(InventoryRpc.configsList, (req) => reader.listConfigs(req)),
    endpoint(InventoryRpc.secretsList, (req) => reader.listSecrets(req)),
  ];
}
