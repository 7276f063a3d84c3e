import type Dockerode from 'dockerode';
import type { DesiredHealthcheck } from '../compose/types.js';
import { publishesHostPorts } from './temporary-spec.js';

const SECOND_NS = 1_000_000_000;
const MONITOR_MIN_NS = 5 * SECOND_NS;
const MONITOR_MAX_NS = 120 * SECOND_NS;

/**
 * How long Swarm watches a new task before it counts as updated: long enough for the healthcheck to
 * fail it (start period + interval × retries), 5 s to 120 s; 5 s without a healthcheck.
 */
export function monitorNs(healthcheck: DesiredHealthcheck | null): number {
  if (healthcheck === null) return MONITOR_MIN_NS;
  const sized = healthcheck.startPeriodNs + healthcheck.intervalNs * Math.max(1, healthcheck.retries);
  return Math.min(MONITOR_MAX_NS, Math.max(MONITOR_MIN_NS, sized));
}

/**
 * The engine's update and rollback defaults, applied only where the compose file set no
 * `update_config` / `rollback_config`: start-first (stop-first with host-mode ports), one task at a time, roll back on failure
 * (a rollback that fails pauses), monitor sized to the healthcheck. Returns a new spec.
 */
export function withRollingDefaults(
  spec: Dockerode.ServiceSpec,
  healthcheck: DesiredHealthcheck | null,
): Dockerode.ServiceSpec {
  const monitor = monitorNs(healthcheck);
  const out: Dockerode.ServiceSpec = { ...spec };
  if (isJob(spec)) return out;
  // A host-mode port is held by one task per node: the new task can only start once the old one stopped.
  const Order = publishesHostPorts(spec) ? 'stop-first' : 'start-first';
  out.UpdateConfig ??= { Parallelism: 1, Order, FailureAction: 'rollback', Monitor: monitor };
  out.RollbackConfig ??= { Parallelism: 1, Order, FailureAction: 'pause', Monitor: monitor };
  return out;
}

/** True for `replicated-job` and `global-job` specs, which have no update config. */
export function isJob(spec: Dockerode.ServiceSpec): boolean {
  const mode = spec.Mode as Record<string, unknown> | undefined;
  return mode !== undefined && ('ReplicatedJob' in mode || 'GlobalJob' in mode);
}
