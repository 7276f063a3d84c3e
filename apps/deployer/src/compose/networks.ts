import { isIP } from 'node:net';

import type Dockerode from 'dockerode';

import { scopedName, warnUnsupported, withStackLabel, type ConvertContext } from './context.js';
import type { EngineNetworkAttachment } from './engine-types.js';
import { joinPath } from './issues.js';
import { compareStrings, sortedRecord, toStringMap } from './mappings.js';
import type { ComposeNetwork, ComposeService, NetworkAttachmentFile } from './model.js';
import { stringOptions } from './mounts.js';
import type { DesiredNetwork } from './types.js';

const DEFAULT_NETWORK = 'default';
// Networks every engine has; docker adds no aliases on them (container.NetworkMode.IsUserDefined).
const BUILTIN_NETWORKS = new Set(['host', 'bridge', 'none', 'default']);

/** The networks a service joins, by compose name, with their attachment options (default when none). */
export function serviceNetworks(service: ComposeService): Map<string, NetworkAttachmentFile | null> {
  const networks = service.networks;
  if (
    networks === undefined ||
    (Array.isArray(networks) ? networks.length === 0 : Object.keys(networks).length === 0)
  ) {
    return new Map([[DEFAULT_NETWORK, null]]);
  }
  if (Array.isArray(networks)) return new Map(networks.map((name) => [name, null]));
  return new Map(Object.entries(networks));
}

function isExternal(network: ComposeNetwork): boolean {
  return network.external === true || (typeof network.external === 'object' && network.external !== null);
}

/** The engine name of a compose network: its `name:`, its external name, or `<stack>_<name>`. */
export function networkTarget(ctx: ConvertContext, name: string): string {
  const network = ctx.file.networks?.[name] ?? {};
  const externalName =
    typeof network.external === 'object' && network.external !== null ? network.external.name : undefined;
  return network.name ?? externalName ?? (isExternal(network) ? name : scopedName(ctx, name));
}

/**
 * A service's network attachments, as docker stack deploy builds them: target = the network's engine
 * name, aliases = the given ones plus the service name (user-defined networks only), sorted by target.
 */
export function convertServiceNetworks(
  ctx: ConvertContext,
  serviceName: string,
  service: ComposeService,
): EngineNetworkAttachment[] {
  const path = `services.${serviceName}.networks`;
  const out: EngineNetworkAttachment[] = [];
  for (const [name, attachment] of serviceNetworks(service)) {
    if (name !== DEFAULT_NETWORK && !Object.hasOwn(ctx.file.networks ?? {}, name)) {
      ctx.issues.add(
        joinPath(path, name),
        `undefined network "${name}" (declare it under top-level networks)`,
      );
      continue;
    }
    for (const key of ['ipv4_address', 'ipv6_address', 'link_local_ips', 'priority'] as const) {
      if (attachment?.[key] !== undefined) {
        warnUnsupported(ctx, joinPath(joinPath(path, name), key), `${key} is ignored by docker stack deploy`);
      }
    }
    const target = networkTarget(ctx, name);
    const aliases = [...(attachment?.aliases ?? [])];
    if (!BUILTIN_NETWORKS.has(target) && !target.startsWith('container:')) aliases.push(serviceName);
    out.push({
      Target: target,
      ...(aliases.length > 0 ? { Aliases: aliases } : {}),
      ...(attachment?.driver_opts ? { DriverOpts: stringOptions(attachment.driver_opts) } : {}),
    });
  }
  return out.sort((a, b) => compareStrings(a.Target, b.Target));
}

/**
 * The stack's networks: only those some service joins (docker creates no others), `default` included
 * when a service declares none. Non-external ones get a NetworkCreate body with the stack label and
 * docker's default driver, overlay. Sorted by engine name.
 */
export function convertNetworks(ctx: ConvertContext, used: Set<string>): DesiredNetwork[] {
  const out: DesiredNetwork[] = [];
  for (const name of used) {
    if (name !== DEFAULT_NETWORK && !Object.hasOwn(ctx.file.networks ?? {}, name)) continue;
    const network = ctx.file.networks?.[name] ?? {};
    const fullName = networkTarget(ctx, name);
    if (isExternal(network)) {
      out.push({ name, fullName, external: true, spec: null });
      continue;
    }
    out.push({ name, fullName, external: false, spec: networkSpec(ctx, name, fullName, network) });
  }
  return out.sort((a, b) => compareStrings(a.fullName, b.fullName));
}

function networkSpec(
  ctx: ConvertContext,
  name: string,
  fullName: string,
  network: ComposeNetwork,
): Dockerode.NetworkCreateOptions {
  const path = `networks.${name}`;
  if (network.enable_ipv6 !== undefined)
    warnUnsupported(ctx, joinPath(path, 'enable_ipv6'), 'ignored by docker stack deploy');
  const ipam = network.ipam;
  if (ipam?.options !== undefined)
    warnUnsupported(ctx, joinPath(path, 'ipam.options'), 'ignored by docker stack deploy');
  ipam?.config?.forEach((pool, index) => {
    if (pool.subnet !== undefined && !isCidr(pool.subnet)) {
      ctx.issues.add(
        `${path}.ipam.config[${index}].subnet`,
        `invalid subnet ${JSON.stringify(pool.subnet)} (CIDR, e.g. 10.1.0.0/24)`,
      );
    }
    for (const key of Object.keys(pool)) {
      if (key !== 'subnet' && !key.startsWith('x-')) {
        warnUnsupported(
          ctx,
          `${path}.ipam.config[${index}].${key}`,
          'only subnet is passed by docker stack deploy',
        );
      }
    }
  });
  const withIpam = ipam !== undefined && (Boolean(ipam.driver) || (ipam.config?.length ?? 0) > 0);
  return {
    Name: fullName,
    Driver: network.driver || 'overlay',
    Labels: sortedRecord(withStackLabel(ctx, toStringMap(network.labels))),
    ...(network.driver_opts ? { Options: stringOptions(network.driver_opts) } : {}),
    ...(network.internal ? { Internal: true } : {}),
    ...(network.attachable ? { Attachable: true } : {}),
    ...(withIpam
      ? {
          IPAM: {
            ...(ipam.driver ? { Driver: ipam.driver } : {}),
            Config: (ipam.config ?? []).map((pool) => ({
              Subnet: typeof pool.subnet === 'string' ? pool.subnet : '',
            })),
          },
        }
      : {}),
  };
}

function isCidr(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const [address = '', bits, extra] = value.split('/');
  const family = isIP(address);
  if (family === 0 || bits === undefined || extra !== undefined || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}
