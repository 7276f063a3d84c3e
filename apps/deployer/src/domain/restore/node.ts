import type { NodeAvailability } from '@swarmops/contracts';
import { guardNodeUpdate } from '../node-guard.js';
import type { NodeFacts } from '../node-guard.js';

/** A live node with its labels. */
export interface NodeWithLabels extends NodeFacts {
  labels: Record<string, string>;
}

/** What a restore does to one node. */
export type NodeRestore =
  | { outcome: 'unchanged' }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'failed'; reason: string }
  | {
      outcome: 'update';
      node: NodeWithLabels;
      labels: Record<string, string>;
      availability: NodeAvailability;
    };

/**
 * Matches the archived node by hostname and decides its labels and availability. Archived labels are added or
 * overwritten, labels only the live node has are kept (a restore never takes away what was added since).
 * Availability goes through the node.update guard: the last active manager is never drained or paused.
 */
export function planNodeRestore(
  nodes: readonly NodeWithLabels[],
  item: { name: string; labels: Record<string, string>; availability: NodeAvailability },
): NodeRestore {
  const node = nodes.find((n) => n.hostname === item.name);
  if (node === undefined) {
    return { outcome: 'skipped', reason: `no node with hostname ${item.name} in this swarm` };
  }
  const labels = { ...node.labels, ...item.labels };
  const labelsEqual = Object.entries(item.labels).every(([k, v]) => node.labels[k] === v);
  if (labelsEqual && node.availability === item.availability) return { outcome: 'unchanged' };
  if (node.availability !== item.availability) {
    const verdict = guardNodeUpdate(nodes, node, item.availability);
    if (!verdict.allowed) return { outcome: 'failed', reason: verdict.message };
  }
  return { outcome: 'update', node, labels, availability: item.availability };
}
