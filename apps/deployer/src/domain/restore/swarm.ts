import type { PlanFieldChange } from '@swarmops/contracts';
import { diffSpecs } from '../spec-diff.js';

// Which parts of an archived swarm spec a restore applies. Join tokens, CA keys, the cluster's name and its
// encryption settings stay those of the live swarm: only scheduling and timing settings travel.

/** Top-level swarm spec fields a restore applies as a whole. */
export const RESTORED_SWARM_FIELDS = ['Orchestration', 'Raft', 'Dispatcher', 'TaskDefaults'] as const;

type Spec = Record<string, unknown>;

/** What {@link planSwarmRestore} decided: the spec to send (the live one with the restored fields), or none. */
export type SwarmRestore = { changes: []; spec: null } | { changes: PlanFieldChange[]; spec: Spec };

/**
 * The live swarm spec with Orchestration, Raft, Dispatcher, TaskDefaults and CAConfig.NodeCertExpiry taken
 * from the archive (fields the archive lacks keep their live value), with the field changes; `spec: null`
 * when nothing differs.
 */
export function planSwarmRestore(live: Spec, archived: Spec): SwarmRestore {
  const desired: Spec = { ...live };
  for (const field of RESTORED_SWARM_FIELDS) {
    if (archived[field] !== undefined) desired[field] = archived[field];
  }
  const expiry = (archived.CAConfig as Spec | undefined)?.NodeCertExpiry;
  if (expiry !== undefined)
    desired.CAConfig = { ...(live.CAConfig as Spec | undefined), NodeCertExpiry: expiry };
  const changes = diffSpecs(live, desired);
  return changes.length === 0 ? { changes: [], spec: null } : { changes, spec: desired };
}
