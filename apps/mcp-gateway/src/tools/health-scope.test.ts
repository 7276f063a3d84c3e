import { describe, expect, it } from 'vitest';
import type { CheckResult, HealthReport } from '@swarmops/contracts';
import { narrowReport, reportInView, subjectVisible, verdictOf } from './health-scope.js';

const view = { stacks: new Set(['shop']), services: new Set(['shop_api', 'shop_db']) };

const check = (subject: string, status: CheckResult['status'], severity: CheckResult['severity']) => ({
  id: 'service.replicas',
  status,
  severity,
  subject,
  message: `${subject} ${status}`,
});

const report = (checks: CheckResult[], over: Partial<HealthReport> = {}): HealthReport => ({
  status: 'unhealthy',
  checkedAt: '2026-11-27T19:00:00.000Z',
  checks,
  reportId: '6a1d4c36-7f0e-4a51-9a38-7f3d2f0b1c11',
  scope: 'cluster',
  target: null,
  trigger: 'interval',
  durationMs: 12,
  counts: { ok: 0, warn: 0, fail: 0 },
  ...over,
});

describe('health results seen through a stack scope', () => {
  it('shows the stack and its services, never nodes, the cluster, the platform or other stacks', () => {
    expect(subjectVisible(view, 'stack:shop')).toBe(true);
    expect(subjectVisible(view, 'service:shop_api')).toBe(true);
    expect(subjectVisible(view, 'service:blog_web')).toBe(false);
    expect(subjectVisible(view, 'stack:blog')).toBe(false);
    for (const subject of ['cluster', 'node:w1', 'platform:nats', 'secret:shop_db', 'service:shop'])
      expect(subjectVisible(view, subject), subject).toBe(false);
  });

  it('takes stack and service runs of its stacks whole and leaves cluster and node runs out', () => {
    expect(reportInView(view, { scope: 'stack', target: 'shop' })).toBe(true);
    expect(reportInView(view, { scope: 'service', target: 'shop_db' })).toBe(true);
    expect(reportInView(view, { scope: 'stack', target: 'blog' })).toBe(false);
    expect(reportInView(view, { scope: 'service', target: 'blog_web' })).toBe(false);
    expect(reportInView(view, { scope: 'cluster', target: null })).toBe(false);
    expect(reportInView(view, { scope: 'node', target: 'shop' })).toBe(false);
  });

  it('narrows a cluster report to its checks and recomputes the verdict and counts over them', () => {
    const narrowed = narrowReport(
      view,
      report([
        check('node:m1', 'fail', 'critical'),
        check('service:blog_web', 'fail', 'high'),
        check('service:shop_api', 'warn', 'medium'),
        check('stack:shop', 'ok', 'info'),
        check('cluster', 'ok', 'info'),
      ]),
    );
    expect(narrowed.checks.map((c) => c.subject)).toEqual(['service:shop_api', 'stack:shop']);
    expect(narrowed.status).toBe('degraded');
    expect(narrowed.counts).toEqual({ ok: 1, warn: 1, fail: 0 });
    expect(narrowed.reportId).toBe('6a1d4c36-7f0e-4a51-9a38-7f3d2f0b1c11');
  });

  it('judges like the health service: critical fail unhealthy, other problems degraded, else healthy', () => {
    expect(verdictOf([])).toBe('healthy');
    expect(verdictOf([check('a', 'ok', 'info')])).toBe('healthy');
    expect(verdictOf([check('a', 'warn', 'critical')])).toBe('degraded');
    expect(verdictOf([check('a', 'fail', 'high')])).toBe('degraded');
    expect(verdictOf([check('a', 'warn', 'low'), check('b', 'fail', 'critical')])).toBe('unhealthy');
  });
});
