import { describe, expect, it } from 'vitest';
import { contextAt, loadClusterFixture } from '../__fixtures__/cluster/load.js';
import type { ClusterSnapshot, PlatformProbe } from '../snapshot.js';
import {
  platformJetstreamAnalyzer,
  platformNatsAnalyzer,
  platformPostgresAnalyzer,
} from './platform-core.js';
import { platformInventoryAnalyzer } from './platform-inventory.js';
import { platformServiceAnalyzer } from './platform-service.js';

const probe = (s: ClusterSnapshot, part: string): PlatformProbe => {
  const found = s.platform.find((p) => p.part === part);
  if (found === undefined) throw new Error(`no ${part} probe in the fixture`);
  return found;
};
const down = (s: ClusterSnapshot, part: string, detail: string) =>
  Object.assign(probe(s, part), { ok: false, latencyMs: null, detail });

describe('platform.nats, platform.jetstream, platform.postgres', () => {
  it('are ok on the recorded probes', () => {
    const s = loadClusterFixture('single-node');
    for (const a of [platformNatsAnalyzer, platformJetstreamAnalyzer, platformPostgresAnalyzer]) {
      expect(a.analyze(s, contextAt(s))).toEqual([
        expect.objectContaining({ status: 'ok', subject: 'cluster' }),
      ]);
    }
    expect(platformJetstreamAnalyzer.analyze(s, contextAt(s))[0]?.message).toMatch(
      /^JetStream answered in [\d.]+ ms: stream SWARMOPS_EVENTS: \d+ messages$/,
    );
  });

  it('fail critical when NATS or PostgreSQL is down, high for JetStream, with the probe as evidence', () => {
    const s = loadClusterFixture('single-node');
    down(s, 'nats', 'CONNECTION_REFUSED');
    down(s, 'jetstream', 'stream not found');
    down(s, 'postgres', 'connect ECONNREFUSED 127.0.0.1:54329');
    expect(platformNatsAnalyzer.analyze(s, contextAt(s))).toEqual([
      expect.objectContaining({
        status: 'fail',
        severity: 'critical',
        subject: 'platform:nats',
        message: 'NATS is down: CONNECTION_REFUSED',
        evidence: expect.objectContaining({ part: 'nats', ok: false }) as unknown,
      }),
    ]);
    expect(platformJetstreamAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'fail',
      severity: 'high',
    });
    expect(platformPostgresAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'fail',
      severity: 'critical',
      subject: 'platform:postgres',
    });
  });

  it('warns on a slow NATS round trip, and when a part was not probed', () => {
    const s = loadClusterFixture('single-node');
    probe(s, 'nats').latencyMs = 900;
    expect(platformNatsAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'warn',
      severity: 'medium',
    });
    s.platform = [];
    expect(platformPostgresAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'warn',
      severity: 'low',
      subject: 'platform:postgres',
    });
  });
});

describe('platform.inventory', () => {
  it('is ok when the last full reconcile is recent', () => {
    const s = loadClusterFixture('lab-healthy');
    expect(platformInventoryAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({ status: 'ok' });
  });

  it('fails high when inventory is stale (recorded: it could not reconcile after the quorum loss)', () => {
    const s = loadClusterFixture('lab-quorum-lost');
    const [result] = platformInventoryAnalyzer.analyze(s, contextAt(s));
    expect(result).toMatchObject({
      status: 'fail',
      severity: 'high',
      subject: 'platform:inventory',
      evidence: { resyncSeconds: 10, staleAfterSeconds: 30, lastReconcileAt: s.summary.lastReconcileAt },
    });
    expect(result?.evidence?.ageSeconds).toBeGreaterThan(30);
    expect(result?.message).toMatch(/^inventory's last full reconcile was \d+ s ago \(more than 3 x 10 s\)/);
  });

  it('defaults to a 30 s interval, and fails when it never reconciled or does not answer', () => {
    const s = loadClusterFixture('lab-quorum-lost');
    delete probe(s, 'inventory').evidence;
    // 42 s since the last reconcile: stale at a 10 s interval, still fresh at the default 30 s.
    expect(platformInventoryAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'ok',
      evidence: { staleAfterSeconds: 90 },
    });
    s.summary.lastReconcileAt = null;
    expect(platformInventoryAnalyzer.analyze(s, contextAt(s))[0]?.message).toContain('never completed');
    down(s, 'inventory', 'TIMEOUT');
    expect(platformInventoryAnalyzer.analyze(s, contextAt(s))[0]?.message).toBe(
      'inventory does not answer: TIMEOUT; every check reads its data',
    );
  });
});

describe('platform.service', () => {
  it('is ok when every configured service answers $SRV.PING', () => {
    const s = loadClusterFixture('single-node');
    expect(platformServiceAnalyzer.analyze(s, contextAt(s))[0]).toMatchObject({
      status: 'ok',
      message: 'inventory, deployer answer $SRV.PING',
    });
  });

  it('fails high on platform:service:<name> for each service that does not answer', () => {
    const s = loadClusterFixture('single-node');
    down(s, 'service:deployer', 'no responders');
    expect(platformServiceAnalyzer.analyze(s, contextAt(s))).toEqual([
      expect.objectContaining({
        status: 'fail',
        severity: 'high',
        subject: 'platform:service:deployer',
        message: 'Swarmops service deployer does not answer $SRV.PING: no responders',
        evidence: expect.objectContaining({ service: 'deployer' }) as unknown,
      }),
    ]);
  });

  it('is ok when no platform service is configured', () => {
    const s = loadClusterFixture('single-node');
    s.platform = s.platform.filter((p) => !p.part.startsWith('service:'));
    expect(platformServiceAnalyzer.analyze(s, contextAt(s))[0]?.message).toContain('no platform services');
  });
});
