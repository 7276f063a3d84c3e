import type { CheckResult, Node, Task } from '@swarmops/contracts';

/** The single `ok` result an analyzer returns on `cluster` when it found nothing wrong. */
export function okResult(id: string, message: string, evidence?: Record<string, unknown>): CheckResult {
  return {
    id,
    status: 'ok',
    severity: 'info',
    subject: 'cluster',
    message,
    ...(evidence ? { evidence } : {}),
  };
}

/** `node:<hostname>`. */
export function nodeSubject(node: Pick<Node, 'hostname'>): string {
  return `node:${node.hostname}`;
}

/** The facts every node result carries. */
export function nodeFacts(node: Node): Record<string, unknown> {
  return {
    nodeId: node.id,
    hostname: node.hostname,
    role: node.role,
    status: node.status,
    availability: node.availability,
    ipAddress: node.ipAddress,
  };
}

/** Seconds from `iso` to `now` (negative when `iso` is in the future); null when `iso` does not parse. */
export function secondsSince(iso: string | null | undefined, now: Date): number | null {
  if (iso === null || iso === undefined) return null;
  const at = Date.parse(iso);
  return Number.isNaN(at) ? null : Math.round((now.getTime() - at) / 1000);
}

/** `90 s`, `12 min`, `5.5 h`, `42 days`: a duration as people read it. */
export function humanDuration(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round((s / 3600) * 10) / 10} h`;
  return `${Math.round(s / 86_400)} days`;
}

/** The raft view of the managers: how many there are, how many are reachable and what a majority is. */
export interface Quorum {
  managers: Node[];
  reachable: number;
  majority: number;
  /** How many more managers may be lost before the quorum is (0 for one or two managers, or when already at it). */
  tolerates: number;
}

/** A manager counts as reachable when Docker says so (or, lacking reachability, when it is ready). */
export function isReachableManager(node: Node): boolean {
  if (node.role !== 'manager') return false;
  if (node.reachability !== undefined && node.reachability !== 'unknown') {
    return node.reachability === 'reachable';
  }
  return node.status === 'ready';
}

export function quorumOf(nodes: readonly Node[]): Quorum {
  const managers = nodes.filter((n) => n.role === 'manager');
  const majority = Math.floor(managers.length / 2) + 1;
  const reachable = managers.filter(isReachableManager).length;
  return { managers, reachable, majority, tolerates: Math.max(0, reachable - majority) };
}

/** Task states that hold a node's resources: assigned to it and not finished. */
const HOLDING = new Set<Task['state']>(['assigned', 'accepted', 'preparing', 'ready', 'starting', 'running']);

/** The tasks Docker wants running on `nodeId` that are assigned and not finished. */
export function activeTasksOn(tasks: readonly Task[], nodeId: string): Task[] {
  return tasks.filter((t) => t.nodeId === nodeId && t.desiredState === 'running' && HOLDING.has(t.state));
}
