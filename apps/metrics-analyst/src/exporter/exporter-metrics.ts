import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { MetricNames } from '../domain/metric-names.js';

const NODE = ['node', 'node_id'] as const;
const SERVICE = ['service', 'service_id', 'stack'] as const;
const USAGE = ['service', 'stack', 'node'] as const;
const ENGINE = ['engine'] as const;

/** The exporter's series, as {@link defineExporterMetrics} registers them. */
export type ExporterMetricSet = ReturnType<typeof defineExporterMetrics>;

/**
 * Registers every {@link MetricNames} metric on `registry`. Each one's `collect` awaits `fresh()` before the
 * registry reads it, so a scrape runs at most one (shared, cached) collection.
 */
export function defineExporterMetrics(registry: Registry, fresh: () => Promise<void>) {
  const registers = [registry];
  const collect = async () => {
    await fresh();
  };
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Gauge<L>({ name, help, labelNames, registers, collect });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name, help, labelNames, registers, collect });

  return {
    nodeUp: gauge(MetricNames.nodeUp, '1 when the swarm node is ready, else 0.', [...NODE, 'role']),
    nodeAvailability: gauge(
      MetricNames.nodeAvailability,
      "The node's availability: 1 on its current one (active, pause or drain), 0 on the others.",
      [...NODE, 'availability'],
    ),
    nodeInfo: gauge(
      MetricNames.nodeInfo,
      'Always 1; the labels describe the node (role, availability, status, engine version, leader).',
      [...NODE, 'role', 'availability', 'status', 'engine_version', 'leader'],
    ),
    nodeCpuCores: gauge(MetricNames.nodeCpuCores, 'CPUs the swarm schedules on the node, in cores.', NODE),
    nodeMemoryBytes: gauge(
      MetricNames.nodeMemoryBytes,
      'Memory the swarm schedules on the node, in bytes.',
      NODE,
    ),
    fsSize: gauge(
      MetricNames.nodeFilesystemSizeBytes,
      "Size of the filesystem holding the engine's DockerRootDir, in bytes (local unix-socket engines only).",
      ['node'],
    ),
    fsAvail: gauge(
      MetricNames.nodeFilesystemAvailBytes,
      "Bytes available to unprivileged users on the filesystem holding the engine's DockerRootDir.",
      ['node'],
    ),
    desired: gauge(
      MetricNames.serviceReplicasDesired,
      'Tasks the service wants running: replicas for replicated services, tasks desired running on nodes that are not down for global services and jobs.',
      [...SERVICE, 'mode'],
    ),
    running: gauge(
      MetricNames.serviceReplicasRunning,
      'Tasks of the service that are running and desired running.',
      SERVICE,
    ),
    tasks: gauge(
      MetricNames.serviceTasks,
      "The service's listed tasks (history included) by current state; running is always present.",
      [...SERVICE, 'state'],
    ),
    cpuLimit: gauge(
      MetricNames.serviceCpuLimitCores,
      'Per-task CPU limit, in cores (absent when not set).',
      SERVICE,
    ),
    cpuReservation: gauge(
      MetricNames.serviceCpuReservationCores,
      'Per-task CPU reservation, in cores (absent when not set).',
      SERVICE,
    ),
    memoryLimit: gauge(
      MetricNames.serviceMemoryLimitBytes,
      'Per-task memory limit, in bytes (absent when not set).',
      SERVICE,
    ),
    memoryReservation: gauge(
      MetricNames.serviceMemoryReservationBytes,
      'Per-task memory reservation, in bytes (absent when not set).',
      SERVICE,
    ),
    restarts: counter(
      MetricNames.serviceRestarts,
      'Tasks of the service seen failed, rejected or completed with a non-zero exit since the exporter started (tasks failed before it started included).',
      SERVICE,
    ),
    cpuSeconds: counter(
      MetricNames.serviceCpuSeconds,
      "CPU time used by the service's containers on the node, in seconds; containers that went away keep their share.",
      USAGE,
    ),
    memory: gauge(
      MetricNames.serviceMemoryBytes,
      "Memory used by the service's containers on the node now, usage minus inactive page cache as docker stats shows it, in bytes.",
      USAGE,
    ),
    rx: counter(
      MetricNames.serviceNetworkReceiveBytes,
      "Bytes received by the service's containers on the node, all interfaces.",
      USAGE,
    ),
    tx: counter(
      MetricNames.serviceNetworkTransmitBytes,
      "Bytes sent by the service's containers on the node, all interfaces.",
      USAGE,
    ),
    containers: gauge(
      MetricNames.serviceContainers,
      'Running containers of the service on the node counted in the usage sums.',
      USAGE,
    ),
    collectSeconds: gauge(
      MetricNames.collectSeconds,
      'Wall time of the last collection of each part (engine="swarm": the node, service and task lists; else one engine\'s container stats), in seconds.',
      ENGINE,
    ),
    errors: counter(
      MetricNames.collectErrors,
      'Failed collections of each part (an engine or the swarm lists unreachable or refusing) and failed container stats calls.',
      ENGINE,
    ),
    engineUp: gauge(
      MetricNames.engineUp,
      '1 when the last collection of the part succeeded; 0 when it failed (its series are left out until it answers again).',
      ENGINE,
    ),
  };
}
