/** `[unixSeconds, value]` points, oldest first. */
export type Points = ReadonlyArray<readonly [number, number]>;

/** A least-squares line `value = slope·t + intercept` (slope per second). */
export interface Trend {
  readonly slope: number;
  readonly intercept: number;
  readonly points: number;
}

/** Ordinary least squares over the finite points; null with fewer than 2 points or all at one time. */
export function linearTrend(points: Points): Trend | null {
  const usable = points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v));
  const n = usable.length;
  if (n < 2) return null;
  // Centre the times: unix seconds squared lose precision otherwise.
  const t0 = usable[0]![0];
  let sumT = 0;
  let sumV = 0;
  for (const [t, v] of usable) {
    sumT += t - t0;
    sumV += v;
  }
  const meanT = sumT / n;
  const meanV = sumV / n;
  let cov = 0;
  let varT = 0;
  for (const [t, v] of usable) {
    cov += (t - t0 - meanT) * (v - meanV);
    varT += (t - t0 - meanT) ** 2;
  }
  if (varT === 0) return null;
  const slope = cov / varT;
  return { slope, intercept: meanV - slope * (meanT + t0), points: n };
}

/** The trend's value at `t`. */
export function trendAt(trend: Trend, t: number): number {
  return trend.slope * t + trend.intercept;
}

/**
 * Seconds from `at` until the fitted line reaches `threshold` moving in `direction` (`falling`: free disk
 * towards 0; `rising`: memory towards a limit). 0 when the fitted value is already there; null when the
 * trend is flat or moves away from the threshold, or there is no trend.
 */
export function secondsUntil(
  points: Points,
  threshold: number,
  at: number,
  direction: 'rising' | 'falling',
): number | null {
  const trend = linearTrend(points);
  if (trend === null) return null;
  const now = trendAt(trend, at);
  const sign = direction === 'rising' ? 1 : -1;
  if (sign * (now - threshold) >= 0) return 0;
  if (sign * trend.slope <= 1e-12) return null;
  return (threshold - now) / trend.slope;
}
