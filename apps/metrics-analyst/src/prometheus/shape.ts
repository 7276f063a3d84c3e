import type { QueryData } from '@swarmops/contracts';
import type { PromPoint, PromResult } from './api-schemas.js';

type Series = QueryData['series'][number];
type Point = Series['points'][number];

/** A sample value for query_metrics: a number when finite, `NaN`/`+Inf`/`-Inf` kept as those strings. */
export function wireValue(value: string): number | string {
  if (value === 'NaN' || value === '+Inf' || value === '-Inf') return value;
  if (value === 'Inf') return '+Inf';
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}

const point = ([t, v]: PromPoint): Point => [t, wireValue(v)];

/** Every result type as series: a vector sample is a one-point series, a scalar or string one unlabelled point. */
export function toSeries(result: PromResult): Series[] {
  switch (result.resultType) {
    case 'vector':
      return result.result.map((s) => ({
        labels: s.metric,
        points: s.value === undefined ? [] : [point(s.value)],
      }));
    case 'matrix':
      return result.result.map((s) => ({ labels: s.metric, points: (s.values ?? []).map(point) }));
    case 'scalar':
    case 'string':
      return [{ labels: {}, points: [point(result.result)] }];
  }
}

export interface CappedSeries {
  readonly series: Series[];
  readonly points: number;
  readonly truncated: boolean;
  /** Why something was cut, for the reply's warnings. */
  readonly warnings: string[];
}

/**
 * Keeps the first `maxSeries` series (in Prometheus' order) and at most `maxPoints` points over all of them,
 * oldest first; a series cut to no point is dropped. `truncated` says anything was cut.
 */
export function capSeries(all: readonly Series[], maxSeries: number, maxPoints: number): CappedSeries {
  const warnings: string[] = [];
  const kept = all.slice(0, maxSeries);
  if (kept.length < all.length) {
    warnings.push(
      `cut to the first ${kept.length} of ${all.length} series (METRICS_MAX_SERIES); narrow the selector`,
    );
  }
  const total = kept.reduce((n, s) => n + s.points.length, 0);
  let budget = maxPoints;
  const series: Series[] = [];
  for (const s of kept) {
    if (s.points.length <= budget) {
      series.push(s);
      budget -= s.points.length;
    } else {
      if (budget > 0) series.push({ labels: s.labels, points: s.points.slice(0, budget) });
      budget = 0;
    }
  }
  const points = maxPoints - budget;
  if (points < total) {
    warnings.push(
      `cut to ${points} of ${total} points (METRICS_MAX_POINTS); use a larger step or a shorter range`,
    );
  }
  return { series, points, truncated: warnings.length > 0, warnings };
}
