import type { CheckResult, Node } from '@swarmops/contracts';
import type { Analyzer } from '../analyzer.js';
import type { ClusterSnapshot } from '../snapshot.js';
import { activeTasksOn, nodeFacts, nodeSubject, okResult, quorumOf } from './cluster-results.js';

const ID = 'node.status';

/** Nodes that are down or unknown. A down manager is critical when the managers left have no majority. */
export const nodeStatusAnalyzer: Analyzer = {
  id: ID,
  title: 'nodes down or unknown',
  subjectKind: 'node',
  analyze(snapshot) {
    if (snapshot.nodes.length === 0) {
      return [
        {
          id: ID,
          status: 'warn',
          severity: 'medium',
          subject: 'cluster',
          message: 'inventory reports no nodes, so no node could be checked',
          evidence: { lastReconcileAt: snapshot.summary.lastReconcileAt },
          fix: 'check that inventory reaches a swarm manager (its /readyz and log)',
        },
      ];
    }
    const quorum = quorumOf(snapshot.nodes);
    const results = snapshot.nodes
      .filter((n) => n.status !== 'ready')
      .map((n) => nodeResult(snapshot, n, quorum.reachable < quorum.majority));
    if (results.length > 0) return results;
    const managers = quorum.managers.length;
    return [
      okResult(
        ID,
        `all ${snapshot.nodes.length} nodes are ready (${managers} manager${managers === 1 ? '' : 's'}, ${snapshot.nodes.length - managers} worker${snapshot.nodes.length - managers === 1 ? '' : 's'})`,
        { nodes: snapshot.nodes.length, managers },
      ),
    ];
  },
};

function nodeResult(snapshot: ClusterSnapshot, node: Node, quorumLost: boolean): CheckResult {
  const since =
    snapshot.nodeStatusChanges
      .filter((c) => c.nodeId === node.id && c.status === node.status)
      .map((c) => c.at)
      .sort()
      .at(-1) ?? null;
  const tasks = activeTasksOn(snapshot.tasks, node.id);
  // Swarm sets a lost node's tasks to desired `shutdown` and reschedules them; their last observed state stays.
  const lastRunning = snapshot.tasks.filter((t) => t.nodeId === node.id && t.state === 'running');
  const manager = node.role === 'manager';
  const severity =
    manager && quorumLost ? 'critical' : manager || node.availability === 'active' ? 'high' : 'medium';
  const what = node.status === 'down' ? 'is down' : 'is in an unknown state';
  const quorumNote =
    manager && quorumLost ? '; the managers left have no majority, the swarm cannot change' : '';
  return {
    id: ID,
    status: 'fail',
    severity,
    subject: nodeSubject(node),
    message: `${node.role} ${node.hostname} ${what}${quorumNote}`,
    evidence: {
      ...nodeFacts(node),
      since,
      tasksAssigned: tasks.length,
      tasksLastSeenRunning: lastRunning.length,
      taskIds: lastRunning.slice(0, 20).map((t) => t.id),
    },
    fix: manager
      ? `start dockerd on ${node.hostname} (${node.ipAddress}) and check it reaches the other managers on TCP 2377; if it is gone for good: docker node demote ${node.hostname} && docker node rm --force ${node.hostname}`
      : `start dockerd on ${node.hostname} (${node.ipAddress}) and check it reaches a manager on TCP 2377 and the nodes on 7946; if it is gone for good: docker node rm --force ${node.hostname}`,
  };
}
