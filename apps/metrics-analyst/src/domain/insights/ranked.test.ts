import type { Insight } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { rankInsights, type RankedInsight } from './ranked.js';

const r = (
  subject: string,
  severity: Insight['severity'],
  score: number,
  focus: RankedInsight['focus'],
  kind: Insight['kind'] = 'anomaly',
): RankedInsight => ({
  score,
  focus,
  insight: {
    kind,
    severity,
    subject,
    summary: 's',
    evidence: { promql: ['q'], values: {} },
    recommendation: 'r',
  },
});

describe('rankInsights', () => {
  const all = [
    r('a', 'low', 0.9, ['cpu']),
    r('b', 'high', 0.1, ['memory']),
    r('c', 'low', 0.95, ['errors']),
    r('d', 'high', 0.5, ['cpu']),
  ];

  it('orders by severity, then magnitude', () => {
    expect(rankInsights(all, { focus: 'all', limit: 10 }).map((i) => i.subject)).toEqual([
      'd',
      'b',
      'c',
      'a',
    ]);
  });

  it('applies focus and limit', () => {
    expect(rankInsights(all, { focus: 'cpu', limit: 10 }).map((i) => i.subject)).toEqual(['d', 'a']);
    expect(rankInsights(all, { focus: 'all', limit: 1 }).map((i) => i.subject)).toEqual(['d']);
  });

  it('with focus cpu or memory, puts its top consumers right after high and critical findings', () => {
    const mixed = [
      r('limits', 'low', 0.9, ['cpu'], 'right-sizing'),
      r('burner', 'info', 0.05, ['cpu'], 'top-consumer'),
      r('idle', 'info', 0.01, ['cpu'], 'top-consumer'),
      r('saturated', 'critical', 0.99, ['cpu'], 'saturation'),
      r('holder', 'info', 0.3, ['memory'], 'top-consumer'),
    ];
    expect(rankInsights(mixed, { focus: 'cpu', limit: 10 }).map((i) => i.subject)).toEqual([
      'saturated',
      'burner',
      'idle',
      'limits',
    ]);
    // Without a resource focus the order is by severity alone.
    expect(rankInsights(mixed, { focus: 'all', limit: 10 }).map((i) => i.subject)).toEqual([
      'saturated',
      'limits',
      'holder',
      'burner',
      'idle',
    ]);
  });
});
