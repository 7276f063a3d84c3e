import { describe, expect, it } from 'vitest';
import { buildAnomaly } from './anomaly.js';

const MiB = 1024 * 1024;
const T0 = 1_790_000_000;
// 40 points 10 s apart over [T0, T0 + 400]: the recent quarter starts at T0 + 300.
const series = (f: (i: number) => number): Array<[number, number]> =>
  Array.from({ length: 41 }, (_, i) => [T0 + i * 10, f(i)]);
const input = (points: Array<[number, number]>, resource: 'cpu' | 'memory' = 'memory') => ({
  subject: 'service api',
  resource,
  points,
  start: T0,
  end: T0 + 400,
  promql: ['q'],
});

describe('buildAnomaly', () => {
  it('flags a recent quarter far from the baseline (|z| ≥ 3.5)', () => {
    const noisy = (i: number) => 100 * MiB + (i % 5) * MiB;
    const out = buildAnomaly(input(series((i) => (i >= 30 ? 200 * MiB : noisy(i)))));
    expect(out).toHaveLength(1);
    expect(out[0]!.insight).toMatchObject({ kind: 'anomaly', severity: 'high', subject: 'service api' });
    expect(out[0]!.insight.evidence.values['zScore']).toBeGreaterThan(10);
    expect(out[0]!.insight.evidence.values['baselineMedian']).toBe(102 * MiB);
  });

  it('grades a moderate jump medium', () => {
    // baseline 0.10..0.50 cores (MAD 0.1), recent 1.0: z = 0.6745·0.7/0.1 ≈ 4.7
    const out = buildAnomaly(
      input(
        series((i) => (i >= 30 ? 1 : 0.1 + (i % 5) * 0.1)),
        'cpu',
      ),
    );
    expect(out[0]!.insight.severity).toBe('medium');
  });

  it('ignores noise within the baseline spread and changes below the absolute floor', () => {
    expect(buildAnomaly(input(series((i) => 100 * MiB + (i % 5) * MiB)))).toEqual([]);
    // z is unbounded (constant baseline) but the change is 1 MiB: below the 32 MiB floor.
    expect(buildAnomaly(input(series((i) => (i >= 30 ? 101 * MiB : 100 * MiB))))).toEqual([]);
  });

  it('needs points on both sides of the split', () => {
    expect(buildAnomaly(input(series(() => 1).slice(0, 30)))).toEqual([]);
  });
});
