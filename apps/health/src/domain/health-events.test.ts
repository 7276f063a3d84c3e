import {
  EventEnvelopeSchema,
  HealthCheckEventDataSchema,
  HealthVerdictEventDataSchema,
} from '@swarmops/contracts';
import type { CheckResult, HealthReport } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { runEvents } from './health-events.js';

const failing: CheckResult = {
  id: 'node.status',
  status: 'fail',
  severity: 'high',
  subject: 'node:w1',
  message: 'node w1 is down',
  evidence: { since: '2026-11-27T10:00:00.000Z' },
  fix: 'start its docker engine',
};

const report: HealthReport = {
  status: 'degraded',
  checkedAt: '2026-11-27T10:00:15.000Z',
  checks: [
    failing,
    { id: 'service.replicas', status: 'ok', severity: 'info', subject: 'cluster', message: 'ok' },
  ],
  reportId: '7a3e8a64-2a0c-4c55-9e43-30e4d1b1c0a1',
  scope: 'cluster',
  target: null,
  trigger: 'event',
  durationMs: 42,
  counts: { ok: 1, warn: 0, fail: 1 },
};

let n = 0;
const deps = {
  newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  now: () => new Date('2026-11-27T10:00:15.000Z'),
};

describe('runEvents', () => {
  it('emits one check event per transition and a verdict event, all valid envelopes', () => {
    const events = runEvents(
      deps,
      'cluster-1',
      report,
      [{ key: 'node.status|node:w1', kind: 'failed', check: failing, previous: 'ok', reason: 'changed' }],
      { previous: 'healthy', status: 'degraded' },
    );
    expect(events.map((e) => e.type)).toEqual(['health.check.failed', 'health.degraded']);
    for (const e of events) expect(EventEnvelopeSchema.parse(e)).toEqual(e);
    expect(HealthCheckEventDataSchema.parse(events[0]?.data)).toEqual({
      reportId: report.reportId,
      check: failing,
      previous: 'ok',
      reason: 'changed',
    });
    expect(HealthVerdictEventDataSchema.parse(events[1]?.data)).toEqual({
      reportId: report.reportId,
      status: 'degraded',
      previous: 'healthy',
      problems: [failing],
    });
    expect(events.every((e) => e.source === 'health' && e.clusterId === 'cluster-1')).toBe(true);
  });

  it('emits health.recovered when healthy again and nothing for an unchanged verdict', () => {
    const healthy = { ...report, status: 'healthy' as const, checks: [] };
    expect(
      runEvents(deps, 'c', healthy, [], { previous: 'unhealthy', status: 'healthy' }).map((e) => e.type),
    ).toEqual(['health.recovered']);
    expect(runEvents(deps, 'c', healthy, [], null)).toEqual([]);
  });
});
