import type { ArchivedConfig, ArchivedNetwork, ArchivedSecret, ArchivedService } from '@swarmops/contracts';
import { fileReferences, networkTargets } from './archive-service.js';
import type { RawServiceSpec } from './raw-docker.js';

/** The stack-scoped objects of a capture. */
export interface StackObjects {
  networks: ArchivedNetwork[];
  configs: ArchivedConfig[];
  secrets: ArchivedSecret[];
  services: ArchivedService[];
}

/**
 * Keeps the services of the given stacks (standalone services are left out), the networks, configs and
 * secrets of those stacks, and the objects outside them that those services use (an external network, a
 * shared config or secret), so that the stacks can be restored into a swarm that lacks them.
 */
export function scopeToStacks(all: StackObjects, stacks: ReadonlySet<string>): StackObjects {
  const inScope = (stack: string | null) => stack !== null && stacks.has(stack);
  const services = all.services.filter((s) => inScope(s.stack));
  const used = { networks: new Set<string>(), configs: new Set<string>(), secrets: new Set<string>() };
  for (const service of services) {
    const spec = service.spec as RawServiceSpec;
    for (const target of networkTargets(spec)) used.networks.add(target);
    const refs = fileReferences(spec);
    for (const ref of refs.configs) used.configs.add(ref);
    for (const ref of refs.secrets) used.secrets.add(ref);
  }
  const keep = <T extends { id: string; name: string; stack: string | null }>(
    items: T[],
    refs: Set<string>,
  ) => items.filter((item) => inScope(item.stack) || refs.has(item.id) || refs.has(item.name));
  return {
    services,
    networks: keep(all.networks, used.networks),
    configs: keep(all.configs, used.configs),
    secrets: keep(all.secrets, used.secrets),
  };
}
