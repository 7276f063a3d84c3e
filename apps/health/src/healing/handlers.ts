import { endpoint } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { HealthRpc } from '@swarmops/contracts';
import type { HealingRepo } from './healing-repo.js';

/** What the policy and healing handlers need. */
export interface HealingHandlerDeps {
  repo: HealingRepo;
  clusterId: () => Promise<string>;
}

/** `policy.set`, `policy.list` and `healing.list`. */
export function createHealingEndpoints({ repo, clusterId }: HealingHandlerDeps): RpcEndpoint[] {
  return [
    endpoint(HealthRpc.policySet, async (req) => repo.setPolicy(await clusterId(), req)),
    endpoint(HealthRpc.policyList, async () => ({
      items: await repo.policies(await clusterId()),
      nextCursor: null,
    })),
    endpoint(HealthRpc.healingList, async (req) => repo.list(await clusterId(), req)),
  ];
}
