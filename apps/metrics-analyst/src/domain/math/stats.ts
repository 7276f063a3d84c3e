// Robust statistics over plain number arrays. NaN values are the caller's to drop (see finite()).

/** The finite values of `values`, in order. */
export function finite(values: readonly number[]): number[] {
  return values.filter((v) => Number.isFinite(v));
}

/** Arithmetic mean; null for an empty array. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/**
 * The q-quantile (0 ≤ q ≤ 1) with linear interpolation between closest ranks (Hyndman & Fan type 7, what
 * numpy and Prometheus' quantile_over_time use); null for an empty array.
 */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = Math.min(Math.max(q, 0), 1) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const low = sorted[lo]!;
  return low + (sorted[hi]! - low) * (pos - lo);
}

export function median(values: readonly number[]): number | null {
  return quantile(values, 0.5);
}

/** Median absolute deviation from the median (unscaled); null for an empty array. */
export function mad(values: readonly number[]): number | null {
  const m = median(values);
  if (m === null) return null;
  return median(values.map((v) => Math.abs(v - m)));
}

/** Mean absolute deviation from the median, the fallback spread when MAD is 0. */
function meanAbsoluteDeviation(values: readonly number[], center: number): number {
  return values.reduce((sum, v) => sum + Math.abs(v - center), 0) / values.length;
}

/**
 * Robust (modified) z-score of `x` against `baseline` (Iglewicz & Hoaglin): 0.6745·(x − median)/MAD.
 * When MAD is 0 (more than half the baseline is one value) it falls back to (x − median)/(1.253314·meanAD);
 * when that is 0 too the baseline is constant: 0 for x equal to it, ±Infinity otherwise. Null for an
 * empty baseline.
 */
export function robustZ(x: number, baseline: readonly number[]): number | null {
  const m = median(baseline);
  const spread = mad(baseline);
  if (m === null || spread === null) return null;
  if (spread > 0) return (0.6745 * (x - m)) / spread;
  const meanAd = meanAbsoluteDeviation(baseline, m);
  if (meanAd > 0) return (x - m) / (1.253314 * meanAd);
  if (x === m) return 0;
  return x > m ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}
