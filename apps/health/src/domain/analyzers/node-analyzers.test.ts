import { describe, expect, it } from 'vitest';
import type { Node } from '@swarmops/contracts';
import { contextAt, loadClusterFixture } from '../__fixtures__/cluster/load.js';
import type { ClusterSnapshot } from '../snapshot.js';
import { nodeAvailabilityAnalyzer } from './node-availability.js';
import { nodeDiskAnalyzer } from './node-disk.js';
import { compareVersions, nodeEngineVersionAnalyzer } from './node-engine-version.js';
import { nodeFlappingAnalyzer } from './node-flapping.js';
import { nodeReservationsAnalyzer } from './node-reservations.js';
import { nodeStatusAnalyzer } from './node-status.js';

const node = (s: ClusterSnapshot, hostname: string): Node => {
  const found = s.nodes.find((n) => n.hostname === hostname);
  if (found === undefined) throw new Error(`no node ${hostname} in the fixture`);
  return found;
};
const minutesBefore = (s: ClusterSnapshot, minutes: number) =>
  new Date(Date.parse(s.takenAt) - minutes * 60_000).toISOString();

describe('node.status', () => {
  it('is ok on the healthy lab and says what it looked at', () => {
    const s = loadClusterFixture('lab-healthy');
    expect(nodeStatusAnalyzer.analyze(s, contextAt(s))).toEqual([
      expect.objectContaining({
        status: 'ok',
        subject: 'cluster',
        message: 'all 4 nodes are ready (3 managers, 1 worker)',
      }),
    ]);
  });

  it('fails high for the worker whose engine was killed, with its tasks and since when', () => {
    const s = loadClusterFixture('lab-worker-down');
    const n4 = node(s, 'swl-n4');
    s.nodeStatusChanges = [{ nodeId: n4.id, hostname: 'swl-n4', status: 'down', at: minutesBefore(s, 0.1) }];
    const [result, ...rest] = nodeStatusAnalyzer.analyze(s, contextAt(s));
    expect(rest).toEqual([]);
    expect(result).toMatchObject({
      status: 'fail',
      severity: 'high',
      subject: 'node:swl-n4',
      message: 'worker swl-n4 is down',
      evidence: {
        nodeId: n4.id,
        role: 'worker',
        status: 'down',
        ipAddress: '10.213.0.14',
        since: minutesBefore(s, 0.1),
      },
    });
    // Recorded: Swarm had already set the lost node's 3 tasks to desired `shutdown`.
    expect(result?.evidence).toMatchObject({ tasksAssigned: 0, tasksLastSeenRunning: 3 });
    expect(result?.fix).toContain('docker node rm --force swl-n4');
  });

  it('fails high for a down manager while the others keep the quorum', () => {
    const s = loadClusterFixture('lab-manager-down');
    expect(nodeStatusAnalyzer.analyze(s, contextAt(s))).toEqual([
      expect.objectContaining({ status: 'fail', severity: 'high', subject: 'node:swl-n3' }),
    ]);
  });

  it('fails critical for a down manager when the managers left have no majority', () => {
    const s = loadClusterFixture('lab-quorum-lost');
    const [result] = nodeStatusAnalyzer.analyze(s, contextAt(s));
    expect(result).toMatchObject({ status: 'fail', severity: 'critical', subject: 'node:swl-n3' });
    expect(result?.message).toContain('no majority');
  });

  it('fails medium for a drained worker that is down, and names an unknown state', () => {
    const s = loadClusterFixture('lab-worker-down');
    node(s, 'swl-n4').availability = 'drain';
    node(s, 'swl-n2').status = 'unknown';
    const results = nodeStatusAnalyzer.analyze(s, contextAt(s));
    expect(results).toEqual([
      expect.objectContaining({ subject: 'node:swl-n2', message: 'manager swl-n2 is in an unknown state' }),
      expect.objectContaining({ subject: 'node:swl-n4', severity: 'medium' }),
    ]);
  });

  it('warns when inventory reports no nodes at all', () => {
    const s = loadClusterFixture('lab-healthy');
    s.nodes = [];
    expect(nodeStatusAnalyzer.analyze(s, contextAt(s))).toEqual([
      expect.objectContaining({ status: 'warn', subject: 'cluster' }),
    ]);
  });
});

describe('node.availability', () => {
  it('warns low for the drained worker, with the tasks it still holds', () => {
    const s = loadClusterFixture('lab-worker-drained');
    const results = nodeAvailabilityAnalyzer.analyze(s, contextAt(s));
    expect(results).toEqual([
      expect.objectContaining({
        status: 'warn',
        severity: 'low',
        subject: 'node:swl-n4',
        message: 'worker swl-n4 is drained: it takes no tasks and its tasks were moved to other nodes',
        evidence: expect.objectContaining({ availability: 'drain', activeNodes: 3, nodes: 4 }) as unknown,
        fix: 'when its maintenance is over: docker node update --availability active swl-n4',
      }),
    ]);
  });

  it('says a paused node takes no new tasks, and warns high when no node is active', () => {
    const s = loadClusterFixture('lab-healthy');
    for (const n of s.nodes) n.availability = 'pause';
    const results = nodeAvailabilityAnalyzer.analyze(s, contextAt(s));
    expect(results).toHaveLength(4);
    expect(results[0]).toMatchObject({
      severity: 'high',
      message: 'manager swl-n1 is paused: it takes no new tasks',
    });
  });

  it('is ok when every node is active', () => {
    const s = loadClusterFixture('lab-healthy');
    expect(nodeAvailabilityAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'ok',
      message: 'all 4 nodes are active',
    });
  });
});

describe('node.flapping', () => {
  const flaps = (s: ClusterSnapshot, minutesAgo: number[]) => {
    const n4 = node(s, 'swl-n4');
    s.nodeStatusChanges = minutesAgo.map((m, i) => ({
      nodeId: n4.id,
      hostname: 'swl-n4',
      status: i % 2 === 0 ? ('down' as const) : ('ready' as const),
      at: minutesBefore(s, m),
    }));
  };

  it('fails (so healing can drain it) for a node that changed status flapCount times in the window', () => {
    const s = loadClusterFixture('lab-healthy');
    flaps(s, [20, 12, 3]);
    const results = nodeFlappingAnalyzer.analyze(s, contextAt(s));
    expect(results).toEqual([
      expect.objectContaining({
        status: 'fail',
        severity: 'medium',
        subject: 'node:swl-n4',
        message:
          'swl-n4 changed status 3 times in the last 30 min; its tasks are rescheduled each time it drops out',
      }),
    ]);
    expect(results[0]?.evidence).toMatchObject({ count: 3, flapCount: 3, windowMinutes: 30 });
    expect((results[0]?.evidence?.changes as unknown[]).length).toBe(3);
    expect(results[0]?.fix).toContain('docker node update --availability drain swl-n4');
  });

  it('ignores changes older than the window, and counts against the configured threshold', () => {
    const s = loadClusterFixture('lab-healthy');
    flaps(s, [45, 12, 3]);
    expect(nodeFlappingAnalyzer.analyze(s, contextAt(s))[0]?.status).toBe('ok');
    expect(nodeFlappingAnalyzer.analyze(s, contextAt(s, { settings: { flapCount: 2 } }))[0]?.status).toBe(
      'fail',
    );
    expect(
      nodeFlappingAnalyzer.analyze(s, contextAt(s, { settings: { flapWindowMinutes: 60 } }))[0]?.status,
    ).toBe('fail');
  });
});

describe('node.engine-version', () => {
  it('is ok when every node runs the same engine', () => {
    const s = loadClusterFixture('lab-healthy');
    expect(nodeEngineVersionAnalyzer.analyze(s, contextAt(s))[0]?.message).toBe(
      'all 4 nodes run Docker Engine 20.10.24+dfsg1',
    );
  });

  it('warns low for a node one patch behind the rest and says to upgrade it', () => {
    const s = loadClusterFixture('lab-healthy');
    node(s, 'swl-n4').engineVersion = '20.10.23';
    const results = nodeEngineVersionAnalyzer.analyze(s, contextAt(s));
    expect(results).toEqual([
      expect.objectContaining({
        status: 'warn',
        severity: 'low',
        subject: 'node:swl-n4',
        message: 'swl-n4 runs Docker Engine 20.10.23 while most nodes run 20.10.24+dfsg1',
      }),
    ]);
    expect(results[0]?.fix).toContain('upgrade Docker Engine on swl-n4 to 20.10.24+dfsg1');
    expect(results[0]?.evidence?.versions).toEqual({
      '20.10.24+dfsg1': ['swl-n1', 'swl-n2', 'swl-n3'],
      '20.10.23': ['swl-n4'],
    });
  });

  it('on a tie takes the newest version as the reference and warns medium across a major version', () => {
    const s = loadClusterFixture('lab-healthy');
    node(s, 'swl-n3').engineVersion = '24.0.7';
    node(s, 'swl-n4').engineVersion = '24.0.7';
    const results = nodeEngineVersionAnalyzer.analyze(s, contextAt(s));
    expect(results.map((r) => [r.subject, r.severity])).toEqual([
      ['node:swl-n1', 'medium'],
      ['node:swl-n2', 'medium'],
    ]);
  });

  it('compares engine versions numerically', () => {
    expect(compareVersions('20.10.24+dfsg1', '24.0.7')).toBeLessThan(0);
    expect(compareVersions('20.10.9', '20.10.24')).toBeLessThan(0);
    expect(compareVersions('20.10.24', '20.10.24+dfsg1')).toBeLessThan(0);
  });
});

describe('node.reservations', () => {
  it('is ok on the healthy lab and names the busiest node', () => {
    const s = loadClusterFixture('lab-healthy');
    const [result] = nodeReservationsAnalyzer.analyze(s, contextAt(s));
    expect(result).toMatchObject({ status: 'ok', subject: 'cluster' });
    expect(result?.message).toMatch(
      /^reservations on 4 ready node\(s\) stay below 90% of capacity \(highest: swl-n\d at 25%\)$/,
    );
  });

  it('warns when a node is at the warn ratio and fails when more is reserved than it offers', () => {
    const s = loadClusterFixture('lab-healthy');
    // swl-n4 runs both shop_api tasks: 2 x 0.25 CPU reserved.
    node(s, 'swl-n4').resources.cpus = 0.52;
    const [warn] = nodeReservationsAnalyzer.analyze(s, contextAt(s));
    expect(warn).toMatchObject({
      status: 'warn',
      severity: 'medium',
      subject: 'node:swl-n4',
      evidence: { cpus: 0.52, cpusReserved: 0.5, cpuRatio: 0.962, warnRatio: 0.9 },
    });
    expect(warn?.message).toContain('CPU 0.5 of 0.52 (96%)');
    expect(warn?.evidence?.tasks).toEqual([
      expect.objectContaining({ service: 'shop_api', cpus: 0.25, memoryBytes: 33554432 }),
      expect.objectContaining({ service: 'shop_api', cpus: 0.25, memoryBytes: 33554432 }),
    ]);
    node(s, 'swl-n4').resources.cpus = 0.25;
    expect(nodeReservationsAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'fail',
      severity: 'high',
      subject: 'node:swl-n4',
    });
  });

  it('judges memory too, and skips nodes that are not ready', () => {
    const s = loadClusterFixture('lab-healthy');
    node(s, 'swl-n1').resources.memoryBytes = 64 * 1048576;
    expect(nodeReservationsAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'warn',
      subject: 'node:swl-n1',
      evidence: { memoryRatio: 1 },
    });
    node(s, 'swl-n1').status = 'down';
    expect(nodeReservationsAnalyzer.analyze(s, contextAt(s))[0]?.status).toBe('ok');
  });
});

describe('node.disk', () => {
  const disk = (s: ClusterSnapshot, ratio: number, fullInSeconds: number | null) => {
    const n = node(s, 'swl-n2');
    s.disk = [
      { nodeId: n.id, hostname: n.hostname, usedBytes: ratio * 1e11, totalBytes: 1e11, fullInSeconds },
    ];
  };

  it('reports one ok when no disk metrics are available', () => {
    const s = loadClusterFixture('lab-healthy');
    expect(nodeDiskAnalyzer.analyze(s, contextAt(s))).toEqual([
      expect.objectContaining({
        status: 'ok',
        message: 'no disk metrics available; disk pressure not checked',
      }),
    ]);
  });

  it('warns at the warn ratio, fails at the fail ratio', () => {
    const s = loadClusterFixture('lab-healthy');
    disk(s, 0.9, null);
    expect(nodeDiskAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'warn',
      severity: 'medium',
      subject: 'node:swl-n2',
      evidence: { ratio: 0.9, usedBytes: 9e10 },
    });
    disk(s, 0.96, null);
    expect(nodeDiskAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({ status: 'fail', severity: 'high' });
  });

  it('warns high for a disk that will be full within 6 hours, even at a low ratio', () => {
    const s = loadClusterFixture('lab-healthy');
    disk(s, 0.5, 3 * 3600);
    const [result] = nodeDiskAnalyzer.analyze(s, contextAt(s));
    expect(result).toMatchObject({ status: 'warn', severity: 'high' });
    expect(result?.message).toContain('full in about 3 h');
    disk(s, 0.5, 12 * 3600);
    expect(nodeDiskAnalyzer.analyze(s, contextAt(s))[0]?.status).toBe('ok');
  });
});
