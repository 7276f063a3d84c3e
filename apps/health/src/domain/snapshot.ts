import type { ClusterSummary, ConfigMeta, Node, SecretMeta, Service, Task } from '@swarmops/contracts';

/** A service with the Docker ServiceSpec inventory keeps for it (`services.list { includeSpec: true }`). */
export type ServiceFacts = Service & { spec: Record<string, unknown> };

/** What health reads from `docker swarm inspect` (inventory does not keep it). */
export interface SwarmFacts {
  /** The swarm's root CA certificate(s), PEM (`TLSInfo.TrustRoot`). */
  trustRootPem: string | null;
  /** How long node certificates are issued for (`Spec.CAConfig.NodeCertExpiry`), in seconds. */
  nodeCertExpirySeconds: number | null;
  /** When the swarm's root CA was last rotated or created (`ClusterInfo.UpdatedAt` when unknown). */
  createdAt: string | null;
}

/** One live probe of a platform part. */
export interface PlatformProbe {
  /** `nats`, `jetstream`, `postgres`, `inventory` (freshness) or `service:<name>` ($SRV.PING). */
  part: string;
  ok: boolean;
  /** Round trip of the probe, when it answered. */
  latencyMs: number | null;
  /** What was seen: the error, or e.g. `stream SWARMOPS_EVENTS: 1203 messages`. */
  detail: string;
  evidence?: Record<string, unknown>;
}

/** Disk use of one node, when metrics are available (from metrics-analyst / Prometheus). */
export interface NodeDiskUsage {
  nodeId: string;
  hostname: string;
  usedBytes: number;
  totalBytes: number;
  /** Seconds until full at the current trend, when known. */
  fullInSeconds: number | null;
}

/** A node status change seen by health (from inventory `node.down|ready` events and its own runs). */
export interface NodeStatusChange {
  nodeId: string;
  hostname: string;
  status: 'ready' | 'down' | 'unknown';
  at: string;
}

/**
 * Everything the analyzers look at, gathered once per run. Analyzers are pure functions of this and an
 * {@link AnalyzerContext}; no analyzer does I/O.
 */
export interface ClusterSnapshot {
  clusterId: string;
  /** When the snapshot was taken (ISO). */
  takenAt: string;
  nodes: Node[];
  services: ServiceFacts[];
  /** Every task inventory keeps, history included (Docker keeps a few per slot). */
  tasks: Task[];
  configs: ConfigMeta[];
  secrets: SecretMeta[];
  summary: ClusterSummary;
  /** Null when the swarm could not be inspected (the `swarm.*` checks then warn that they could not run). */
  swarm: SwarmFacts | null;
  platform: PlatformProbe[];
  /** Null when no metrics are available: the disk check then reports `ok` with "no metrics". */
  disk: NodeDiskUsage[] | null;
  /** Node status changes in the last `flapWindowMinutes`. */
  nodeStatusChanges: NodeStatusChange[];
}
