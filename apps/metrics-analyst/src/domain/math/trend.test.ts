import { describe, expect, it } from 'vitest';
import { linearTrend, secondsUntil, trendAt } from './trend.js';

const T0 = 1_790_000_000;
const line = (slope: number, start: number, n = 10, step = 60): Array<[number, number]> =>
  Array.from({ length: n }, (_, i) => [T0 + i * step, start + slope * i * step]);

describe('linearTrend', () => {
  it('fits an exact line at unix-second times', () => {
    const trend = linearTrend(line(2, 100))!;
    expect(trend.slope).toBeCloseTo(2);
    expect(trendAt(trend, T0)).toBeCloseTo(100);
    expect(trend.points).toBe(10);
  });

  it('fits the least-squares line through noisy points', () => {
    const trend = linearTrend([
      [T0, 1],
      [T0 + 1, 3],
      [T0 + 2, 2],
      [T0 + 3, 4],
    ])!;
    expect(trend.slope).toBeCloseTo(0.8);
    expect(trendAt(trend, T0)).toBeCloseTo(1.3);
  });

  it('needs two finite points at different times', () => {
    expect(linearTrend([[T0, 1]])).toBeNull();
    expect(
      linearTrend([
        [T0, 1],
        [T0, 2],
      ]),
    ).toBeNull();
    expect(
      linearTrend([
        [T0, 1],
        [T0 + 1, Number.NaN],
      ]),
    ).toBeNull();
  });
});

describe('secondsUntil', () => {
  it('predicts when a falling value reaches 0', () => {
    // 1000 bytes free at T0, losing 1 byte/s; at the last point (T0+540) 460 left → 460 s
    const points = line(-1, 1000);
    expect(secondsUntil(points, 0, T0 + 540, 'falling')).toBeCloseTo(460);
  });

  it('predicts when a rising value reaches a ceiling', () => {
    expect(secondsUntil(line(0.5, 0), 600, T0 + 540, 'rising')).toBeCloseTo((600 - 270) / 0.5);
  });

  it('is null when the trend is flat or moves away', () => {
    expect(secondsUntil(line(0, 500), 0, T0 + 540, 'falling')).toBeNull();
    expect(secondsUntil(line(1, 500), 0, T0 + 540, 'falling')).toBeNull();
    expect(secondsUntil(line(-1, 500), 1000, T0 + 540, 'rising')).toBeNull();
  });

  it('is 0 when the fitted value is already past the threshold', () => {
    expect(secondsUntil(line(1, 2000), 1000, T0 + 540, 'rising')).toBe(0);
  });
});
