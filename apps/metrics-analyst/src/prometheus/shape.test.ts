import { describe, expect, it } from 'vitest';
import { capSeries, toSeries, wireValue } from './shape.js';

const series = (n: number, points: number) =>
  Array.from({ length: n }, (_, i) => ({
    labels: { i: String(i) },
    points: Array.from({ length: points }, (_, t): [number, number] => [t, t]),
  }));

describe('wireValue', () => {
  it('keeps finite numbers as numbers and NaN/±Inf as strings', () => {
    expect(wireValue('1.5')).toBe(1.5);
    expect(wireValue('-3e-7')).toBe(-3e-7);
    expect(wireValue('NaN')).toBe('NaN');
    expect(wireValue('+Inf')).toBe('+Inf');
    expect(wireValue('-Inf')).toBe('-Inf');
  });
});

describe('toSeries', () => {
  it('makes a one-point series of each vector sample', () => {
    expect(toSeries({ resultType: 'vector', result: [{ metric: { job: 'a' }, value: [10, '1'] }] })).toEqual([
      { labels: { job: 'a' }, points: [[10, 1]] },
    ]);
  });

  it('keeps a matrix, with NaN as a string', () => {
    expect(
      toSeries({
        resultType: 'matrix',
        result: [
          {
            metric: {},
            values: [
              [1, '2'],
              [2, 'NaN'],
            ],
          },
        ],
      }),
    ).toEqual([
      {
        labels: {},
        points: [
          [1, 2],
          [2, 'NaN'],
        ],
      },
    ]);
  });

  it('makes scalars and strings one unlabelled point', () => {
    expect(toSeries({ resultType: 'scalar', result: [5, '+Inf'] })).toEqual([
      { labels: {}, points: [[5, '+Inf']] },
    ]);
    expect(toSeries({ resultType: 'string', result: [5, 'hello'] })).toEqual([
      { labels: {}, points: [[5, 'hello']] },
    ]);
  });
});

describe('capSeries', () => {
  it('keeps everything within the caps, untruncated', () => {
    const capped = capSeries(series(3, 4), 3, 12);
    expect(capped).toMatchObject({ points: 12, truncated: false, warnings: [] });
    expect(capped.series).toHaveLength(3);
  });

  it('cuts to the first maxSeries series and says so', () => {
    const capped = capSeries(series(5, 2), 2, 100);
    expect(capped.series.map((s) => s.labels.i)).toEqual(['0', '1']);
    expect(capped).toMatchObject({ points: 4, truncated: true });
    expect(capped.warnings).toEqual([expect.stringMatching(/2 of 5 series \(METRICS_MAX_SERIES\)/)]);
  });

  it('cuts points over all series, oldest first, and drops series left with none', () => {
    const capped = capSeries(series(3, 4), 10, 6);
    expect(capped.series.map((s) => s.points.length)).toEqual([4, 2]);
    expect(capped.series[1]?.points).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(capped).toMatchObject({ points: 6, truncated: true });
    expect(capped.warnings).toEqual([expect.stringMatching(/6 of 12 points \(METRICS_MAX_POINTS\)/)]);
  });
});
