import { describe, expect, it } from 'vitest';
import type { CheckResult, HealthReport } from '@swarmops/contracts';
import { renderReport, renderSummaryLine, worstFirst } from './render-health.js';
import { MAX_TEXT_CHARS, MAX_TEXT_LINES } from './render.js';

const check = (
  id: string,
  status: CheckResult['status'],
  severity: CheckResult['severity'],
  fix?: string,
) => ({
  id,
  status,
  severity,
  subject: `service:${id}`,
  message: `${id} is ${status}`,
  ...(fix === undefined ? {} : { fix }),
});

const report = (checks: CheckResult[]): HealthReport => ({
  status: 'degraded',
  checkedAt: '2026-11-27T19:00:00.000Z',
  checks,
  reportId: '6a1d4c36-7f0e-4a51-9a38-7f3d2f0b1c11',
  scope: 'stack',
  target: 'shop',
  trigger: 'on-demand',
  durationMs: 41.6,
  counts: { ok: 1, warn: 1, fail: 1 },
});

describe('health renderings', () => {
  it('puts failures before warnings and the worse severity first', () => {
    const order = worstFirst([
      check('a.ok', 'ok', 'info'),
      check('b.warn', 'warn', 'low'),
      check('c.fail', 'fail', 'medium'),
      check('d.fail', 'fail', 'critical'),
    ]).map((c) => c.id);
    expect(order).toEqual(['d.fail', 'c.fail', 'b.warn', 'a.ok']);
  });

  it('renders the verdict, the report id and each problem with its fix, passing checks only counted', () => {
    const text = renderReport(
      report([
        check('service.ok', 'ok', 'info'),
        check('service.pending', 'warn', 'medium'),
        check('service.crash-loop', 'fail', 'high', 'fix the command'),
      ]),
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'degraded: stack shop, 1 ok / 1 warn / 1 fail (report 6a1d4c36-7f0e-4a51-9a38-7f3d2f0b1c11, on-demand, ' +
        'checked 2026-11-27T19:00:00.000Z, 42 ms)',
    );
    expect(lines[1]).toBe(
      '- FAIL high service.crash-loop service:service.crash-loop: service.crash-loop is fail (fix: fix the command)',
    );
    expect(lines[2]).toContain('WARN medium service.pending');
    expect(text).not.toContain('service.ok');
  });

  it('says when every check passed', () => {
    expect(renderReport({ ...report([check('x.y', 'ok', 'info')]), status: 'healthy' })).toContain(
      'No problems: all 1 checks passed.',
    );
  });

  it('stays bounded with hundreds of problems and points at structuredContent', () => {
    const many = Array.from({ length: 300 }, (_, i) =>
      check(`service.c${i}`, 'fail', 'high', 'x'.repeat(50)),
    );
    const text = renderReport(report(many));
    expect(text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(text.split('\n').length).toBeLessThanOrEqual(MAX_TEXT_LINES);
    expect(text).toContain('more problems in structuredContent.checks');
  });

  it('summarises a history entry with at most three problems named', () => {
    const { checks: _checks, ...rest } = report([]);
    const line = renderSummaryLine({
      ...rest,
      problems: [
        check('a.b', 'fail', 'high'),
        check('c.d', 'warn', 'low'),
        check('e.f', 'warn', 'low'),
        check('g.h', 'warn', 'info'),
      ],
    });
    expect(line).toContain('problems: a.b service:a.b, c.d service:c.d, e.f service:e.f, +1 more');
  });
});
