import type { ArchivedService } from '@swarmops/contracts';
import { asArray, asObject } from './json.js';

/** The networks, configs and secrets a service uses, by name. */
export interface ServiceReferences {
  networks: string[];
  configs: string[];
  secrets: string[];
}

/**
 * What a service needs to exist before it can be created. Network targets are named through the service's
 * `networkNames` (an unknown id stays an id); configs and secrets by their names in the spec.
 */
export function serviceReferences(service: ArchivedService): ServiceReferences {
  const spec = service.spec as Record<string, unknown>;
  const template = asObject(spec['TaskTemplate']);
  const container = asObject(template['ContainerSpec']);
  const targets = [...asArray(template['Networks']), ...asArray(spec['Networks'])]
    .map((n) => asObject(n)['Target'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => service.networkNames[t] ?? t);
  const names = (items: unknown, key: string) =>
    asArray(items)
      .map((item) => asObject(item)[key])
      .filter((v): v is string => typeof v === 'string');
  return {
    networks: unique(targets),
    configs: unique(names(container['Configs'], 'ConfigName')),
    secrets: unique(names(container['Secrets'], 'SecretName')),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}
