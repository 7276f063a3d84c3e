import { describe, expect, it } from 'vitest';
import { meanShift, meanShiftAt } from './shift.js';

const T0 = 1_790_000_000;
const series = (values: number[]): Array<[number, number]> => values.map((v, i) => [T0 + i * 10, v]);

describe('meanShift', () => {
  it('compares the means before and after an instant', () => {
    const points = series([1, 1, 1, 1, 3, 3, 3, 3]);
    const shift = meanShiftAt(points, T0 + 35, 40)!;
    expect(shift.before).toBe(1);
    expect(shift.after).toBe(3);
    expect(shift.absolute).toBe(2);
    expect(shift.relative).toBe(2);
  });

  it('uses separate before and after windows (deployment start and finish)', () => {
    const points = series([2, 2, 9, 9, 4, 4]);
    const shift = meanShift(points, { from: T0, to: T0 + 10 }, { from: T0 + 40, to: T0 + 50 })!;
    expect(shift).toMatchObject({ before: 2, after: 4, relative: 1, beforePoints: 2, afterPoints: 2 });
  });

  it('has no relative shift from zero, and needs points on both sides', () => {
    const points = series([0, 0, 0, 5, 5, 5]);
    expect(meanShiftAt(points, T0 + 25, 30)!.relative).toBeNull();
    expect(meanShiftAt(points, T0 + 55, 30)).toBeNull();
  });
});
