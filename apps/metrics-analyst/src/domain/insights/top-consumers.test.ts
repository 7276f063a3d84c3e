import { describe, expect, it } from 'vitest';
import { buildTopConsumers } from './top-consumers.js';

describe('buildTopConsumers', () => {
  const consumers = [
    { name: 'idle', stack: 's', mean: 0.01, peak: 0.02 },
    { name: 'burner', stack: 's', mean: 1.2, peak: 1.5 },
    { name: 'web', stack: 's', mean: 0.5, peak: 0.9 },
    { name: 'zero', stack: 's', mean: 0, peak: 0 },
  ];

  it('ranks by the window mean, the burner first, and leaves out services using nothing', () => {
    const out = buildTopConsumers({
      resource: 'cpu',
      scope: 'service',
      consumers,
      capacity: 2,
      promql: ['q'],
    });
    expect(out.map((r) => r.insight.subject)).toEqual(['service burner', 'service web', 'service idle']);
    expect(out.map((r) => r.insight.evidence.values['rank'])).toEqual([1, 2, 3]);
    expect(out[0]!.insight.evidence).toEqual({
      promql: ['q'],
      values: {
        rank: 1,
        stack: 's',
        meanCores: 1.2,
        peakCores: 1.5,
        shareOfCapacity: 0.6,
        shareOfUsage: 0.701754, // 1.2 / 1.71 to 6 significant digits
      },
    });
  });

  it('grades by share of capacity: ≥ 0.8 high, ≥ 0.5 medium, ≥ 0.2 low, else info', () => {
    const severities = (capacity: number | null) =>
      buildTopConsumers({ resource: 'cpu', scope: 'service', consumers, capacity, promql: ['q'] }).map(
        (r) => r.insight.severity,
      );
    expect(severities(2)).toEqual(['medium', 'low', 'info']);
    expect(severities(1.4)).toEqual(['high', 'low', 'info']);
    expect(severities(null)).toEqual(['info', 'info', 'info']);
  });

  it('keeps the top N and names nodes as nodes', () => {
    const out = buildTopConsumers({
      resource: 'memory',
      scope: 'node',
      consumers: [{ name: 'n1', mean: 10, peak: 12 }],
      capacity: null,
      promql: ['q'],
      top: 1,
    });
    expect(out).toHaveLength(1);
    expect(out[0]!.insight.subject).toBe('node n1');
    expect(out[0]!.insight.evidence.values).not.toHaveProperty('stack');
    expect(out[0]!.score).toBe(1);
  });
});
