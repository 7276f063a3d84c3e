import { describe, expect, it } from 'vitest';
import { contextAt, loadClusterFixture } from '../__fixtures__/cluster/load.js';
import { managerLeaderAnalyzer } from './manager-leader.js';
import { managerQuorumAnalyzer } from './manager-quorum.js';

describe('manager.quorum', () => {
  it('is ok with three reachable managers and says how many more may be lost', () => {
    const s = loadClusterFixture('lab-healthy');
    expect(managerQuorumAnalyzer.analyze(s, contextAt(s))).toEqual([
      expect.objectContaining({
        status: 'ok',
        message: '3 of 3 managers reachable; the swarm tolerates the loss of 1 more',
      }),
    ]);
  });

  it('stays ok but tolerates no further loss with one of three managers down', () => {
    const s = loadClusterFixture('lab-manager-down');
    expect(managerQuorumAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'ok',
      message: '2 of 3 managers reachable; the swarm tolerates the loss of 0 more',
      evidence: { reachable: 2, majority: 2, tolerates: 0 },
    });
  });

  it('fails critical when the reachable managers are below the majority (recorded after killing two of three)', () => {
    const s = loadClusterFixture('lab-quorum-lost');
    const [result] = managerQuorumAnalyzer.analyze(s, contextAt(s));
    expect(result).toMatchObject({
      status: 'fail',
      severity: 'critical',
      subject: 'cluster',
      message:
        'only 1 of 3 managers are reachable, below the majority of 2: the swarm has lost its quorum and accepts no changes',
      evidence: { total: 3, reachable: 1, majority: 2 },
    });
    expect(result?.fix).toContain('docker swarm init --force-new-cluster');
  });

  it('is ok on a single-node swarm: there is nothing a second manager could fail over to', () => {
    const s = loadClusterFixture('single-node');
    expect(managerQuorumAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'ok',
      message: expect.stringContaining('single-node swarm') as string,
    });
  });

  it('warns medium on a single manager beside workers: no fault tolerance', () => {
    const s = loadClusterFixture('lab-healthy');
    for (const n of s.nodes.filter((node) => node.hostname !== 'swl-n1')) {
      Object.assign(n, { role: 'worker', reachability: undefined, leader: false });
    }
    expect(managerQuorumAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'warn',
      severity: 'medium',
      message: 'the swarm has one manager: no fault tolerance, losing it stops all scheduling and changes',
    });
  });

  it('warns low on an even manager count', () => {
    const s = loadClusterFixture('lab-healthy');
    const n4 = s.nodes.find((n) => n.hostname === 'swl-n4')!;
    Object.assign(n4, { role: 'manager', reachability: 'reachable' });
    expect(managerQuorumAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'warn',
      severity: 'low',
      message:
        'the swarm has an even number of managers (4): it tolerates 1 loss(es), no more than 3 managers would',
    });
  });

  it('fails critical when inventory reports no manager at all', () => {
    const s = loadClusterFixture('lab-healthy');
    s.nodes = s.nodes.filter((n) => n.role === 'worker');
    expect(managerQuorumAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'fail',
      severity: 'critical',
    });
  });
});

describe('manager.leader', () => {
  it('is ok when a leader exists and every manager is reachable', () => {
    const s = loadClusterFixture('lab-healthy');
    expect(managerLeaderAnalyzer.analyze(s, contextAt(s))).toEqual([
      expect.objectContaining({ status: 'ok', message: 'swl-n1 leads; all 3 manager(s) reachable' }),
    ]);
  });

  it('fails high for the unreachable manager whose engine was killed', () => {
    const s = loadClusterFixture('lab-manager-down');
    const results = managerLeaderAnalyzer.analyze(s, contextAt(s));
    expect(results).toEqual([
      expect.objectContaining({
        status: 'fail',
        severity: 'high',
        subject: 'node:swl-n3',
        message:
          'manager swl-n3 is unreachable from the raft leader (swl-n1); the swarm tolerates one less manager loss',
        evidence: expect.objectContaining({ reachability: 'unreachable', status: 'down' }) as unknown,
      }),
    ]);
    expect(results[0]?.fix).toContain('docker node demote swl-n3');
  });

  it('fails critical on the cluster when no manager leads', () => {
    const s = loadClusterFixture('lab-quorum-lost');
    for (const n of s.nodes) n.leader = false;
    s.summary.leader = null;
    const results = managerLeaderAnalyzer.analyze(s, contextAt(s));
    expect(results[0]).toMatchObject({ status: 'fail', severity: 'critical', subject: 'cluster' });
    expect(results.slice(1).map((r) => r.subject)).toEqual(['node:swl-n2', 'node:swl-n3']);
  });

  it('falls back to the inventory summary for the leader', () => {
    const s = loadClusterFixture('lab-healthy');
    for (const n of s.nodes) delete n.leader;
    expect(managerLeaderAnalyzer.analyze(s, contextAt(s))[0]?.status).toBe('ok');
  });
});
