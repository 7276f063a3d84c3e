/**
 * The exporter's metric names and labels: one place for the exporter, the analysis queries, the
 * Prometheus alert rules (infra/prometheus/rules) and the docs (docs/metrics.md).
 *
 * Labels: `node` = node hostname, `node_id`; `service` = service name (e.g. `shop_api`), `service_id`;
 * `stack` = the `com.docker.stack.namespace` label, or "" for a standalone service.
 */
export const MetricNames = {
  // Per node (from the swarm's node list).
  /** 1 when the node's status is `ready`, else 0. Labels: node, node_id, role. */
  nodeUp: 'swarm_node_up',
  /** 1 for the node's current availability. Labels: node, node_id, availability (active|pause|drain). */
  nodeAvailability: 'swarm_node_availability',
  /** Always 1. Labels: node, node_id, role, availability, status, engine_version, leader ("true"|"false"). */
  nodeInfo: 'swarm_node_info',
  /** The node's CPUs and memory as Swarm schedules them. Labels: node, node_id. */
  nodeCpuCores: 'swarm_node_cpu_cores',
  nodeMemoryBytes: 'swarm_node_memory_bytes',
  /** The filesystem holding the engine's DockerRootDir, for engines whose disk the exporter can stat. Labels: node. */
  nodeFilesystemSizeBytes: 'swarm_node_filesystem_size_bytes',
  nodeFilesystemAvailBytes: 'swarm_node_filesystem_avail_bytes',

  // Per service (from the swarm's service and task lists).
  /** Labels: service, service_id, stack, mode (replicated|global|replicated-job|global-job). */
  serviceReplicasDesired: 'swarm_service_replicas_desired',
  /** Tasks whose state is `running` (and desired running). Labels: service, service_id, stack. */
  serviceReplicasRunning: 'swarm_service_replicas_running',
  /** Tasks by state (every TaskState, 0 included for running). Labels: service, service_id, stack, state. */
  serviceTasks: 'swarm_service_tasks',
  /** Per-task limits and reservations from the spec; absent when not set. Labels: service, service_id, stack. */
  serviceCpuLimitCores: 'swarm_service_cpu_limit_cores',
  serviceCpuReservationCores: 'swarm_service_cpu_reservation_cores',
  serviceMemoryLimitBytes: 'swarm_service_memory_limit_bytes',
  serviceMemoryReservationBytes: 'swarm_service_memory_reservation_bytes',
  /** Tasks seen to fail (failed, rejected, or exited non-zero) since the exporter started, monotonic. Labels: service, service_id, stack. */
  serviceRestarts: 'swarm_service_restarts_total',

  // Per service, summed over its containers on one engine (Docker stats API). Labels: service, stack, node.
  /** CPU seconds used, monotonic (containers that go away keep their share). */
  serviceCpuSeconds: 'swarm_service_cpu_seconds_total',
  /** Memory in use now (usage minus page cache, like `docker stats`). */
  serviceMemoryBytes: 'swarm_service_memory_bytes',
  serviceNetworkReceiveBytes: 'swarm_service_network_receive_bytes_total',
  serviceNetworkTransmitBytes: 'swarm_service_network_transmit_bytes_total',
  /** Containers counted in the sums above. */
  serviceContainers: 'swarm_service_containers',

  // The exporter itself. Label: engine (the engine's node hostname, or its address).
  collectSeconds: 'swarm_exporter_collect_duration_seconds',
  collectErrors: 'swarm_exporter_collect_errors_total',
  engineUp: 'swarm_exporter_engine_up',
} as const;
export type MetricName = (typeof MetricNames)[keyof typeof MetricNames];
