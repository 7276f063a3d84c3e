import type { CheckResult } from '@swarmops/contracts';
import type { Analyzer } from '../analyzer.js';
import { nodeFacts, nodeSubject, okResult } from './cluster-results.js';

const ID = 'manager.leader';

/** A raft leader exists, and every manager is reachable. */
export const managerLeaderAnalyzer: Analyzer = {
  id: ID,
  title: 'raft leader and manager reachability',
  subjectKind: 'cluster',
  analyze(snapshot) {
    const managers = snapshot.nodes.filter((n) => n.role === 'manager');
    const leaderNode = managers.find((m) => m.leader === true);
    const leader = leaderNode
      ? { id: leaderNode.id, hostname: leaderNode.hostname }
      : (snapshot.summary.leader ?? null);
    const results: CheckResult[] = [];
    if (leader === null && managers.length > 0) {
      results.push({
        id: ID,
        status: 'fail',
        severity: 'critical',
        subject: 'cluster',
        message: `no manager is the raft leader among ${managers.length}: the swarm schedules nothing and accepts no changes`,
        evidence: {
          managers: managers.map((m) => ({
            hostname: m.hostname,
            status: m.status,
            reachability: m.reachability ?? null,
          })),
        },
        fix: 'bring back enough managers for a majority (start their dockerd); if they are lost for good, run docker swarm init --force-new-cluster on a surviving manager',
      });
    }
    for (const m of managers.filter((x) => x.reachability === 'unreachable')) {
      results.push({
        id: ID,
        status: 'fail',
        severity: 'high',
        subject: nodeSubject(m),
        message: `manager ${m.hostname} is unreachable from the raft leader${leader ? ` (${leader.hostname})` : ''}; the swarm tolerates one less manager loss`,
        evidence: { ...nodeFacts(m), reachability: m.reachability, leader },
        fix: `start dockerd on ${m.hostname} and check TCP 2377 between the managers; if it is gone for good: docker node demote ${m.hostname} && docker node rm --force ${m.hostname}, then promote a healthy node to keep an odd count`,
      });
    }
    if (results.length > 0) return results;
    if (managers.length === 0) return [okResult(ID, 'no manager reported; see manager.quorum')];
    return [
      okResult(ID, `${leader?.hostname ?? 'a manager'} leads; all ${managers.length} manager(s) reachable`, {
        leader,
      }),
    ];
  },
};
