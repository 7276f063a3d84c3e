import type { Doc } from './entry.js';
import type { RawSwarm } from './raw-docker.js';

/**
 * What inventory keeps of the swarm: id, times and settings (raft, dispatcher, CA, orchestration).
 * Picked field by field so the join tokens the engine returns are never stored.
 */
export function swarmFacts(raw: RawSwarm): Doc {
  const r = raw as RawSwarm & { SubnetSize?: number; DataPathPort?: number; DefaultAddrPool?: unknown };
  return {
    id: raw.ID,
    createdAt: raw.CreatedAt ?? null,
    updatedAt: raw.UpdatedAt ?? null,
    spec: raw.Spec ?? {},
    subnetSize: r.SubnetSize ?? null,
    dataPathPort: r.DataPathPort ?? null,
    defaultAddrPool: r.DefaultAddrPool ?? null,
  };
}
