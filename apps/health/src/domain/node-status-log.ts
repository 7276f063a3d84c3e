import type { NodeStatusChange } from './snapshot.js';

type Status = NodeStatusChange['status'];

/**
 * Node status changes seen by health, from inventory `node.down|ready` events and from the nodes of each
 * snapshot. A change is recorded only when a node's status differs from the last one known for it (so an
 * event and the next snapshot never count one flip twice); the first sighting of a node sets its baseline.
 */
export class NodeStatusLog {
  readonly #last = new Map<string, Status>();
  #changes: NodeStatusChange[] = [];

  constructor(private readonly windowMs: number) {}

  /** Records `status` for the node at `at`; returns whether it was a change. */
  observe(nodeId: string, hostname: string, status: Status, at: Date): boolean {
    const last = this.#last.get(nodeId);
    this.#last.set(nodeId, status);
    if (last === undefined || last === status) return false;
    this.#changes.push({ nodeId, hostname, status, at: at.toISOString() });
    return true;
  }

  /** The changes within the window before `now` (older ones are dropped). */
  recent(now: Date): NodeStatusChange[] {
    const from = now.getTime() - this.windowMs;
    this.#changes = this.#changes.filter((c) => Date.parse(c.at) >= from);
    return [...this.#changes];
  }
}
