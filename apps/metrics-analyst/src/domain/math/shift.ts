import type { Points } from './trend.js';
import { mean } from './stats.js';

export interface MeanShift {
  readonly before: number;
  readonly after: number;
  /** after − before. */
  readonly absolute: number;
  /** (after − before) / before; null when `before` is 0 (any change from nothing is unbounded). */
  readonly relative: number | null;
  readonly beforePoints: number;
  readonly afterPoints: number;
}

/**
 * Mean of the finite points in [beforeFrom, beforeTo] against the mean in [afterFrom, afterTo] (inclusive,
 * unix seconds). Null when either side has fewer than `minPoints` points.
 */
export function meanShift(
  points: Points,
  before: { readonly from: number; readonly to: number },
  after: { readonly from: number; readonly to: number },
  minPoints = 2,
): MeanShift | null {
  const within = (from: number, to: number): number[] =>
    points.filter(([t, v]) => t >= from && t <= to && Number.isFinite(v)).map(([, v]) => v);
  const b = within(before.from, before.to);
  const a = within(after.from, after.to);
  if (b.length < minPoints || a.length < minPoints) return null;
  const mb = mean(b)!;
  const ma = mean(a)!;
  return {
    before: mb,
    after: ma,
    absolute: ma - mb,
    relative: mb === 0 ? null : (ma - mb) / Math.abs(mb),
    beforePoints: b.length,
    afterPoints: a.length,
  };
}

/** Mean shift around one instant: [at − span, at] against [at, at + span]. */
export function meanShiftAt(points: Points, at: number, span: number, minPoints = 2): MeanShift | null {
  return meanShift(points, { from: at - span, to: at }, { from: at, to: at + span }, minPoints);
}
