import type { NodeAvailability } from '@swarmops/contracts';

/** What the guard needs to know about each node. */
export interface NodeFacts {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  availability: NodeAvailability;
  /** Docker's `Status.State`: `ready`, `down`, `unknown`, `disconnected`. */
  state: string;
}

/** The outcome of {@link guardNodeUpdate}: allowed, or refused with the guardrail and a sentence. */
export type NodeUpdateVerdict =
  { allowed: true } | { allowed: false; guardrail: 'last-active-manager'; message: string };

/**
 * Refuses to drain or pause the last active manager: with no ready, active manager left the swarm could no
 * longer schedule its control-plane workloads and an operator would lose the node they manage it from.
 * Setting a node `active` is always allowed.
 */
export function guardNodeUpdate(
  nodes: readonly NodeFacts[],
  target: NodeFacts,
  availability: NodeAvailability,
): NodeUpdateVerdict {
  if (availability === 'active' || target.role !== 'manager') return { allowed: true };
  const others = nodes.filter(
    (n) => n.id !== target.id && n.role === 'manager' && n.availability === 'active' && n.state === 'ready',
  );
  if (others.length > 0) return { allowed: true };
  return {
    allowed: false,
    guardrail: 'last-active-manager',
    message: `refusing to ${availability === 'drain' ? 'drain' : 'pause'} ${target.hostname}: it is the last active manager`,
  };
}

/** Finds a node by id, id prefix of 12+ characters, or hostname. */
export function findNode<N extends NodeFacts>(nodes: readonly N[], ref: string): N | undefined {
  return (
    nodes.find((n) => n.id === ref) ??
    nodes.find((n) => n.hostname === ref) ??
    (ref.length >= 12 ? nodes.find((n) => n.id.startsWith(ref)) : undefined)
  );
}
