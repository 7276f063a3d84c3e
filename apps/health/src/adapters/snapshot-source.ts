import type { ClusterSummary, ConfigMeta, Node, SecretMeta, Task } from '@swarmops/contracts';
import { AppError, ErrorCode } from '@swarmops/contracts';
import type { NodeStatusLog } from '../domain/node-status-log.js';
import type { ClusterSnapshot, PlatformProbe, ServiceFacts, SwarmFacts } from '../domain/snapshot.js';
import type { InventoryReads } from './inventory-client.js';
import { inventoryProbe } from './platform-probes.js';

/** Gathers everything the analyzers look at. */
export interface SnapshotSource {
  take(): Promise<ClusterSnapshot>;
}

/** The parts a snapshot is made of, each behind a port. */
export interface SnapshotSourceDeps {
  inventory: InventoryReads;
  swarm: () => Promise<SwarmFacts | null>;
  platform: () => Promise<PlatformProbe[]>;
  nodeStatus: NodeStatusLog;
  now: () => Date;
}

interface InventoryPart {
  nodes: Node[];
  services: ServiceFacts[];
  tasks: Task[];
  configs: ConfigMeta[];
  secrets: SecretMeta[];
  summary: ClusterSummary;
}

/**
 * Reads inventory (every page of nodes, services with their spec, tasks, configs, secrets, and the summary),
 * the swarm's CA facts and the platform probes in parallel. When inventory does not answer, the last
 * inventory part read is reused and the `inventory` probe fails (so `platform.inventory` says so instead of
 * every check recovering by disappearing); with no earlier read the snapshot fails with UNAVAILABLE.
 */
export function createSnapshotSource(deps: SnapshotSourceDeps): SnapshotSource {
  let lastGood: InventoryPart | null = null;
  return {
    async take() {
      const started = performance.now();
      const [inv, swarm, platform] = await Promise.all([
        readInventory(deps.inventory).then(
          (value) => ({ ok: true as const, value, latencyMs: Math.round(performance.now() - started) }),
          (error: unknown) => ({ ok: false as const, error }),
        ),
        deps.swarm(),
        deps.platform(),
      ]);
      const probe = inventoryProbe(inv.ok ? { ...inv, value: inv.value.summary } : inv);
      if (inv.ok) lastGood = inv.value;
      const part = inv.ok ? inv.value : lastGood;
      if (part === null) {
        throw new AppError(ErrorCode.UNAVAILABLE, `cannot take a snapshot: ${probe.detail}`, {
          cause: inv.ok ? undefined : inv.error,
        });
      }
      const now = deps.now();
      if (inv.ok) {
        for (const node of part.nodes) deps.nodeStatus.observe(node.id, node.hostname, node.status, now);
      }
      return {
        clusterId: part.summary.clusterId,
        takenAt: now.toISOString(),
        ...part,
        swarm,
        platform: [...platform, probe],
        disk: null,
        nodeStatusChanges: deps.nodeStatus.recent(now),
      };
    },
  };
}

async function readInventory(inventory: InventoryReads): Promise<InventoryPart> {
  const [nodes, services, tasks, configs, secrets, summary] = await Promise.all([
    inventory.nodes(),
    inventory.services(),
    inventory.tasks(),
    inventory.configs(),
    inventory.secrets(),
    inventory.summary(),
  ]);
  return { nodes, services, tasks, configs, secrets, summary };
}
