import type { RestoreApplyItem, RestorePlan } from '@swarmops/contracts';
import type { ClusterState } from '../domain/cluster-state.js';
import { configItem, networkItem } from './apply-items.js';
import { serviceReferences } from './references.js';

/**
 * The network and config items a service item needs that the plan leaves `unchanged`, sent with it anyway:
 * a network of a just-removed stack is still listed for a while (Swarm deletes it once its tasks are gone)
 * and may be gone when the service is created. The deployer creates such an object only when it is missing,
 * so sending it again changes nothing otherwise. Secrets are never added: an existing secret has no value
 * to send. Returns a lookup by service item; anything else needs nothing.
 */
export function unchangedReferences(
  plan: RestorePlan,
  archive: ClusterState,
): (item: RestoreApplyItem) => RestoreApplyItem[] {
  const unchanged = (kind: 'network' | 'config') =>
    new Set(plan.items.filter((i) => i.kind === kind && i.action === 'unchanged').map((i) => i.name));
  const networks = unchanged('network');
  const configs = unchanged('config');
  return (item) => {
    if (item.kind !== 'service') return [];
    const service = archive.services.find((s) => s.name === item.name);
    if (service === undefined) return [];
    const refs = serviceReferences(service);
    return [
      ...refs.networks
        .filter((name) => networks.has(name))
        .flatMap((name) =>
          archive.networks
            .filter((n) => n.name === name)
            .slice(0, 1)
            .map(networkItem),
        ),
      ...refs.configs
        .filter((name) => configs.has(name))
        .flatMap((name) =>
          archive.configs
            .filter((c) => c.name === name)
            .slice(0, 1)
            .map(configItem),
        ),
    ];
  };
}
