import type { Insight } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { rankInsights, type RankedInsight } from './ranked.js';

const r = (
  subject: string,
  severity: Insight['severity'],
  score: number,
  focus: RankedInsight['focus'],
): RankedInsight => ({
  score,
  focus,
  insight: {
    kind: 'anomaly',
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
});
