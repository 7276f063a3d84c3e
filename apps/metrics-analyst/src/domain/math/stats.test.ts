import { describe, expect, it } from 'vitest';
import { finite, mad, mean, median, quantile, robustZ } from './stats.js';

describe('robust statistics', () => {
  it('takes the median of odd and even series', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('interpolates quantiles linearly between ranks (type 7)', () => {
    const xs = Array.from({ length: 21 }, (_, i) => i * 5); // 0..100
    expect(quantile(xs, 0.95)).toBeCloseTo(95);
    expect(quantile([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([1, 2], 0)).toBe(1);
    expect(quantile([1, 2], 1)).toBe(2);
  });

  it('computes the median absolute deviation', () => {
    expect(mad([1, 1, 2, 2, 4, 6, 9])).toBe(1);
    expect(mean([1, 2, 3])).toBe(2);
    expect(mean([])).toBeNull();
    expect(finite([1, Number.NaN, Number.POSITIVE_INFINITY, 2])).toEqual([1, 2]);
  });

  it('scores a point against the baseline with 0.6745·(x − median)/MAD', () => {
    const baseline = [1, 1, 2, 2, 4, 6, 9];
    expect(robustZ(2, baseline)).toBe(0);
    expect(robustZ(12, baseline)).toBeCloseTo(0.6745 * 10);
    expect(robustZ(-3, baseline)).toBeCloseTo(-0.6745 * 5);
  });

  it('falls back to the mean absolute deviation when MAD is 0', () => {
    // median 1, MAD 0, mean AD = 4/5 = 0.8
    expect(robustZ(5, [1, 1, 1, 1, 5])).toBeCloseTo(4 / (1.253314 * 0.8));
  });

  it('gives 0 or ±Infinity against a constant baseline and null against none', () => {
    expect(robustZ(3, [3, 3, 3])).toBe(0);
    expect(robustZ(4, [3, 3, 3])).toBe(Number.POSITIVE_INFINITY);
    expect(robustZ(2, [3, 3, 3])).toBe(Number.NEGATIVE_INFINITY);
    expect(robustZ(2, [])).toBeNull();
  });
});
