import type { ArchivedNetwork } from '@swarmops/contracts';
import { STACK_LABEL } from '../domain/cluster-state.js';
import type { RawNetwork } from './raw-docker.js';

/** Networks every engine or swarm has on its own; never backed up. */
export const DEFAULT_NETWORKS: ReadonlySet<string> = new Set([
  'ingress',
  'bridge',
  'host',
  'none',
  'docker_gwbridge',
]);

// The fields of `docker network inspect` that `docker network create` takes back.
const CREATE_FIELDS = [
  'Driver',
  'Scope',
  'Attachable',
  'Internal',
  'Ingress',
  'IPAM',
  'Options',
  'Labels',
  'EnableIPv6',
  'ConfigOnly',
  'ConfigFrom',
] as const;

// Assigned by the swarm allocator, not declared: creating a network with it again would pin a VXLAN id
// that may be taken in the target swarm.
const ALLOCATED_OPTIONS = ['com.docker.network.driver.overlay.vxlanid_list'];

/**
 * Whether a network belongs in a backup: swarm-scoped (services can only attach to those; a node-local
 * bridge is that engine's business, not the swarm's), not a default and not the ingress network.
 */
export function isBackedUpNetwork(raw: RawNetwork): boolean {
  return raw.Scope === 'swarm' && raw.Ingress !== true && !DEFAULT_NETWORKS.has(raw.Name);
}

/** A network with the fields needed to create it again. */
export function toArchivedNetwork(raw: RawNetwork): ArchivedNetwork {
  const spec: ArchivedNetwork['spec'] = { Name: raw.Name, Driver: raw.Driver ?? 'overlay' };
  for (const field of CREATE_FIELDS) {
    if (raw[field] !== undefined && field !== 'Driver') spec[field] = structuredClone(raw[field]);
  }
  const options = spec.Options as Record<string, string> | null | undefined;
  if (options) for (const key of ALLOCATED_OPTIONS) delete options[key];
  return { id: raw.Id, name: raw.Name, stack: raw.Labels?.[STACK_LABEL] ?? null, spec };
}
