import type Dockerode from 'dockerode';
import { CANARY_SUFFIX, GREEN_SUFFIX, ROLE_LABEL } from './live.js';

/** Which temporary service: the full new version beside the old (`green`) or a few replicas (`canary`). */
export type TemporaryRole = 'green' | 'canary';

/** The name of the temporary service beside canonical `name`. */
export function temporaryName(name: string, role: TemporaryRole): string {
  return `${name}${role === 'green' ? GREEN_SUFFIX : CANARY_SUFFIX}`;
}

/**
 * The spec of a `--green` or `--canary` service: the new canonical spec, on the same networks with the
 * same aliases (so the alias resolves to its tasks once they run, which Swarm allows only when they
 * are healthy), in VIP or dnsrr mode like the canonical one, but without published ports: an ingress
 * port belongs to one service and a host port to one task per node, so they stay on the canonical
 * service. A green copy of a global service is global; every canary is replicated.
 */
export function temporarySpec(
  canonical: Dockerode.ServiceSpec,
  role: TemporaryRole,
  replicas: number,
): Dockerode.ServiceSpec {
  const name = canonical.Name ?? '';
  const global = isGlobal(canonical);
  const spec: Dockerode.ServiceSpec = {
    ...canonical,
    Name: temporaryName(name, role),
    Labels: { ...canonical.Labels, [ROLE_LABEL]: role },
    Mode: role === 'green' && global ? { Global: {} } : { Replicated: { Replicas: replicas } },
  };
  delete spec.UpdateConfig;
  delete spec.RollbackConfig;
  const mode = canonical.EndpointSpec?.Mode;
  if (mode === undefined) delete spec.EndpointSpec;
  else spec.EndpointSpec = { Mode: mode };
  return spec;
}

/** True when the spec publishes a port in `host` mode (one task per node may hold it). */
export function publishesHostPorts(spec: Dockerode.ServiceSpec): boolean {
  return (spec.EndpointSpec?.Ports ?? []).some((p) => p.PublishMode === 'host');
}

/** True for a `Global` (not job) service. */
export function isGlobal(spec: Dockerode.ServiceSpec): boolean {
  const mode = spec.Mode as Record<string, unknown> | undefined;
  return mode !== undefined && 'Global' in mode;
}

/** Desired replicas of a replicated spec; null for global modes and jobs. */
export function replicasOf(spec: Dockerode.ServiceSpec): number | null {
  const mode = spec.Mode;
  if (mode === undefined) return 1;
  if (mode.Replicated === undefined) return null;
  return mode.Replicated.Replicas ?? 1;
}
