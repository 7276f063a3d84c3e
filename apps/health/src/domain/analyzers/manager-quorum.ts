import type { Analyzer } from '../analyzer.js';
import { okResult, quorumOf } from './cluster-results.js';

const ID = 'manager.quorum';
/** Docker advises at most seven managers: more slow every raft write down. */
const MAX_MANAGERS = 7;

/**
 * Manager count and raft majority: lost (critical), one manager beside workers or an even count (no fault
 * tolerance gained). A single-node swarm is ok: a second manager on no other node would protect nothing.
 */
export const managerQuorumAnalyzer: Analyzer = {
  id: ID,
  title: 'manager quorum and fault tolerance',
  subjectKind: 'cluster',
  analyze(snapshot) {
    const q = quorumOf(snapshot.nodes);
    const n = q.managers.length;
    const evidence = {
      managers: q.managers.map((m) => ({
        hostname: m.hostname,
        status: m.status,
        reachability: m.reachability ?? null,
        leader: m.leader ?? false,
      })),
      total: n,
      reachable: q.reachable,
      majority: q.majority,
      tolerates: q.tolerates,
    };
    const base = { id: ID, subject: 'cluster', evidence };
    if (n === 0) {
      return [
        {
          ...base,
          status: 'fail',
          severity: 'critical',
          message: 'inventory reports no manager: the swarm cannot be managed',
          fix: 'check that inventory reaches a swarm manager; if every manager is lost, run docker swarm init --force-new-cluster on a surviving former manager',
        },
      ];
    }
    if (q.reachable < q.majority) {
      return [
        {
          ...base,
          status: 'fail',
          severity: 'critical',
          message: `only ${q.reachable} of ${n} managers are reachable, below the majority of ${q.majority}: the swarm has lost its quorum and accepts no changes`,
          fix: `bring back ${q.majority - q.reachable} manager(s) (start their dockerd, restore the network); if they are lost for good, run docker swarm init --force-new-cluster --advertise-addr <ip> on a reachable manager, then add managers back to an odd count`,
        },
      ];
    }
    if (n === 1 && snapshot.nodes.length === 1) {
      // One node in all: losing the manager loses the node, so a second manager would protect nothing.
      return [
        okResult(
          ID,
          'single-node swarm: its one manager is all there is (add nodes, three of them managers, for fault tolerance)',
          evidence,
        ),
      ];
    }
    if (n === 1) {
      return [
        {
          ...base,
          status: 'warn',
          severity: 'medium',
          message:
            'the swarm has one manager: no fault tolerance, losing it stops all scheduling and changes',
          fix: 'promote two workers (docker node promote <node> <node>) or join two more managers, for three in all',
        },
      ];
    }
    if (n % 2 === 0) {
      return [
        {
          ...base,
          status: 'warn',
          severity: 'low',
          message: `the swarm has an even number of managers (${n}): it tolerates ${q.tolerates} loss(es), no more than ${n - 1} managers would`,
          fix: `promote one more node (docker node promote <node>) or demote one (docker node demote <node>) for an odd count`,
        },
      ];
    }
    if (n > MAX_MANAGERS) {
      return [
        {
          ...base,
          status: 'warn',
          severity: 'low',
          message: `the swarm has ${n} managers; more than ${MAX_MANAGERS} slow every raft write without real gain`,
          fix: `demote managers down to ${MAX_MANAGERS} or fewer (docker node demote <node>)`,
        },
      ];
    }
    return [
      okResult(
        ID,
        `${q.reachable} of ${n} managers reachable; the swarm tolerates the loss of ${q.tolerates} more`,
        evidence,
      ),
    ];
  },
};
