import type Dockerode from 'dockerode';
import { errorMessage } from '@swarmops/bus';
import { staleNetworks } from '../domain/restore/network-recovery.js';
import { referencedNames, resolveRefs } from '../domain/restore/service-refs.js';
import type { RefIds } from '../domain/restore/service-refs.js';
import type { RestoreDecision } from './restore-prepare.js';
import type { NetworkRecovery } from './restore-networks.js';
import type { EngineDeps } from './types.js';

/** A service the restore creates or updates. */
export type ServiceDecision = Extract<
  RestoreDecision,
  { item: { kind: 'service' }; spec: Dockerode.ServiceSpec }
>;

/** Whether `d` creates or updates a service. */
export function isServiceChange(d: RestoreDecision): d is ServiceDecision {
  return d.item.kind === 'service' && (d.action === 'create' || d.action === 'update') && 'spec' in d;
}

/** Service sends after which a network the engine keeps refusing is reported, not recreated again. */
const MAX_SENDS = 3;

/**
 * Creates or updates the service with its references resolved on the live swarm now, not when the restore
 * was decided: a network missing by now is created from the restore's network item first, and a network
 * the engine refuses as not found although it is listed (Swarm is still deleting it after its stack was
 * removed) is created again once it is gone, then the service is sent again.
 */
export async function applyService(
  deps: EngineDeps,
  d: ServiceDecision,
  networks: NetworkRecovery,
  readIds: () => Promise<RefIds>,
): Promise<void> {
  const name = d.item.name;
  const referenced = referencedNames(d.spec).networks;
  let ids = await readIds();
  for (const network of referenced) {
    if (ids.networks[network] !== undefined || !networks.has(network)) continue;
    ids = withNetwork(ids, network, await networks.ensure(network, null, name));
  }
  for (let sends = 1; ; sends++) {
    try {
      await send(deps, d, ids);
      return;
    } catch (err) {
      const message = errorMessage(err);
      const stale = staleNetworks(referenced, ids.networks, message);
      const recoverable = stale.filter((s) => networks.has(s.name));
      if (recoverable.length < stale.length) {
        const names = stale.filter((s) => !networks.has(s.name)).map((s) => s.name);
        throw new Error(
          `${message.trim()} (network ${names.join(', ')} is being deleted by Swarm and this restore has no item to create it again)`,
          { cause: err },
        );
      }
      if (recoverable.length === 0 || sends >= MAX_SENDS) throw err;
      for (const s of recoverable) {
        ids = withNetwork(ids, s.name, await networks.ensure(s.name, s.staleId, name));
      }
    }
  }
}

async function send(deps: EngineDeps, d: ServiceDecision, ids: RefIds): Promise<void> {
  const resolved = resolveRefs(d.spec, ids);
  if (resolved.missing.length > 0) throw new Error(`this swarm lacks ${resolved.missing.join(', ')}`);
  if (d.action === 'update') {
    // Keep the live ForceUpdate counter: the update itself replaces the tasks that need it.
    const force = d.live.spec.TaskTemplate?.ForceUpdate;
    const spec = {
      ...resolved.spec,
      TaskTemplate: { ...resolved.spec.TaskTemplate, ForceUpdate: force ?? 0 },
    };
    await deps.docker.updateService(d.live.id, d.live.version, spec);
  } else {
    await deps.docker.createService(resolved.spec);
  }
}

function withNetwork(ids: RefIds, name: string, id: string): RefIds {
  return { ...ids, networks: { ...ids.networks, [name]: id } };
}
