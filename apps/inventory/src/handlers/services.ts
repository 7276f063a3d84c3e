import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { InventoryRpc } from '@swarmops/contracts';
import type { ReadHandlerDeps } from './deps.js';

/** `services.list` (by stack, name substring, label) and `services.get` (by id or name). */
export function createServicesHandlers({ reader }: ReadHandlerDeps): RpcEndpoint[] {
  return [
    endpoint(InventoryRpc.servicesList, (req) => reader.listServices(req)),
    endpoint(InventoryRpc.servicesGet, (req) => reader.getService(req.id)),
  ];
}
