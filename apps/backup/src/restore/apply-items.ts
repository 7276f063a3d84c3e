import type { ArchivedConfig, ArchivedNetwork, ArchivedService, RestoreApplyItem } from '@swarmops/contracts';
import { asArray, asObject, isObject } from './json.js';
import type { Json } from './json.js';

type ServiceItem = Extract<RestoreApplyItem, { kind: 'service' }>;
type NetworkItem = Extract<RestoreApplyItem, { kind: 'network' }>;
type ConfigItem = Extract<RestoreApplyItem, { kind: 'config' }>;

/** Network fields `docker network create` takes; the overlay's VXLAN id is allocated by the target swarm. */
const NETWORK_CREATE_FIELDS = [
  'Driver',
  'Scope',
  'Attachable',
  'Internal',
  'Ingress',
  'EnableIPv6',
  'ConfigOnly',
  'ConfigFrom',
  'IPAM',
  'Options',
  'Labels',
];
const ALLOCATED_OPTIONS = ['com.docker.network.driver.overlay.vxlanid_list'];

/**
 * The service spec with every reference BY NAME, as restore.apply takes it: network `Target`s are names (in
 * whichever place the spec had them), `SecretID` / `ConfigID` are removed (names kept) and the
 * `ForceUpdate` counter is dropped (it belongs to the swarm that counted it). Everything else is kept as the
 * engine returned it, so the restored service inspects back the same.
 */
export function serviceItem(service: ArchivedService): ServiceItem {
  const spec = structuredClone(service.spec) as Json;
  const byName = (networks: unknown) =>
    asArray(networks).map((n) => {
      const attachment = { ...asObject(n) };
      const target = attachment['Target'];
      if (typeof target === 'string') attachment['Target'] = service.networkNames[target] ?? target;
      return attachment;
    });
  const template = { ...asObject(spec['TaskTemplate']) };
  delete template['ForceUpdate'];
  if (template['Networks'] !== undefined) template['Networks'] = byName(template['Networks']);
  if (isObject(template['ContainerSpec'])) {
    const container = { ...template['ContainerSpec'] };
    if (container['Secrets'] !== undefined)
      container['Secrets'] = withoutKey(container['Secrets'], 'SecretID');
    if (container['Configs'] !== undefined)
      container['Configs'] = withoutKey(container['Configs'], 'ConfigID');
    template['ContainerSpec'] = container;
  }
  spec['TaskTemplate'] = template;
  if (spec['Networks'] !== undefined) spec['Networks'] = byName(spec['Networks']);
  return { kind: 'service', name: service.name, spec: { ...spec, Name: service.name } };
}

/** The network create body: its create fields, without the engine-allocated VXLAN id. */
export function networkItem(network: ArchivedNetwork): NetworkItem {
  const source = network.spec as Json;
  const spec: Json = { Name: network.name };
  for (const field of NETWORK_CREATE_FIELDS) {
    if (source[field] !== undefined && source[field] !== null) spec[field] = structuredClone(source[field]);
  }
  if (isObject(spec['Options'])) {
    const options = { ...spec['Options'] };
    for (const key of ALLOCATED_OPTIONS) delete options[key];
    spec['Options'] = options;
  }
  return { kind: 'network', name: network.name, spec: { ...spec, Name: network.name } };
}

/** The config create body: its spec with its Data (base64), named. */
export function configItem(config: ArchivedConfig): ConfigItem {
  return { kind: 'config', name: config.name, spec: { ...config.spec, Name: config.name } };
}

function withoutKey(items: unknown, key: string): unknown[] {
  return asArray(items).map((item) => {
    const copy = { ...asObject(item) };
    delete copy[key];
    return copy;
  });
}
