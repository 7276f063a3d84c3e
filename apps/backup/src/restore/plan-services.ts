import { normalizeServiceSpec } from '@swarmops/contracts';
import type { ArchivedService, RestorePlanItem } from '@swarmops/contracts';
import type { ClusterState } from '../domain/cluster-state.js';
import { fieldChanges } from './field-changes.js';
import { missingSecretReason } from './plan-objects.js';
import { serviceReferences } from './references.js';

/** What will exist once the networks, configs and secrets of the plan are applied. */
export interface Available {
  networks: ReadonlySet<string>;
  configs: ReadonlySet<string>;
  secrets: ReadonlySet<string>;
  /** Secrets the plan skips for want of a value. */
  secretsWithoutValue: ReadonlySet<string>;
}

/**
 * Services: create when missing, update when the normalized spec differs (with the changed fields),
 * unchanged when equal. A service that needs a secret with no value, or a network, config or secret that is
 * neither in the backup nor on this swarm, is skipped with the reason.
 */
export function planServices(
  services: ArchivedService[],
  live: ClusterState,
  available: Available,
): RestorePlanItem[] {
  return [...services]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((service): RestorePlanItem => {
      const base = { kind: 'service', name: service.name, stack: service.stack } as const;
      const current = live.services.find((s) => s.name === service.name);
      const wanted = normalizeServiceSpec(service.spec, { networkNames: service.networkNames });
      const changes =
        current === undefined
          ? []
          : fieldChanges(normalizeServiceSpec(current.spec, { networkNames: current.networkNames }), wanted);
      if (current !== undefined && changes.length === 0) return { ...base, action: 'unchanged' };
      const blocked = missingReference(service, available);
      if (blocked !== null) return { ...base, action: 'skip', reason: blocked };
      return current === undefined ? { ...base, action: 'create' } : { ...base, action: 'update', changes };
    });
}

function missingReference(service: ArchivedService, available: Available): string | null {
  const refs = serviceReferences(service);
  const noValue = refs.secrets.find((s) => available.secretsWithoutValue.has(s));
  if (noValue !== undefined) return `needs secret ${noValue}; ${missingSecretReason(noValue)}`;
  const missing = [
    ...refs.networks.filter((n) => !available.networks.has(n)).map((n) => `network ${n}`),
    ...refs.configs.filter((c) => !available.configs.has(c)).map((c) => `config ${c}`),
    ...refs.secrets.filter((s) => !available.secrets.has(s)).map((s) => `secret ${s}`),
  ];
  if (missing.length === 0) return null;
  return `needs ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} neither in the backup nor on this swarm`;
}
