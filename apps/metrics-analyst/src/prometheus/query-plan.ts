import { AppError, ErrorCode, durationSeconds, type QueryRequest } from '@swarmops/contracts';

/** Prometheus refuses a range query with more points per series than this (its own cap). */
export const PROMETHEUS_MAX_POINTS_PER_SERIES = 11_000;

/** A query_metrics request with every time resolved to unix seconds. */
export type QueryPlan =
  | { readonly kind: 'instant'; readonly promql: string; readonly time: number }
  | {
      readonly kind: 'range';
      readonly promql: string;
      readonly start: number;
      readonly end: number;
      readonly step: number;
    };

function invalid(field: 'start' | 'end' | 'step', message: string): AppError {
  return new AppError(ErrorCode.INVALID_REQUEST, `invalid field \`${field}\`: ${message}`, {
    details: { field, issues: [{ path: field, message }] },
  });
}

/** RFC 3339 or unix seconds, as unix seconds (millisecond precision). */
export function toUnixSeconds(time: string | number): number {
  return typeof time === 'number' ? time : Date.parse(time) / 1000;
}

/** Points a range query returns per series: one at `start` and one every `step` up to `end`. */
export function pointsPerSeries(start: number, end: number, step: number): number {
  return Math.floor((end - start) / step) + 1;
}

/**
 * The smallest whole-second step (at least 1 s) that keeps a range within `maxPoints` points per series.
 *
 * @example defaultStep(0, 3600, 61) // 60
 */
export function defaultStep(start: number, end: number, maxPoints: number): number {
  const span = end - start;
  if (span <= 0) return 1;
  if (maxPoints <= 1) return Math.max(1, Math.ceil(span) + 1);
  return Math.max(1, Math.ceil(span / (maxPoints - 1)));
}

/**
 * Resolves a query_metrics request: without `start` an instant query at `end` (default now); with `start` a
 * range query to `end` (default now) every `step` (default: the smallest whole second keeping each series
 * within `maxPoints` and Prometheus' 11,000). Refuses `end` before `start` and a step that would exceed
 * 11,000 points per series, naming the field.
 */
export function planQuery(request: QueryRequest, maxPoints: number, nowSeconds: number): QueryPlan {
  const end = request.end === undefined ? nowSeconds : toUnixSeconds(request.end);
  if (request.start === undefined) {
    if (request.step !== undefined) throw invalid('step', 'a step needs a start (a range query)');
    return { kind: 'instant', promql: request.promql, time: end };
  }
  const start = toUnixSeconds(request.start);
  if (end < start) {
    const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
    throw request.end === undefined
      ? invalid('start', `start (${iso(start)}) is in the future; end defaults to now (${iso(end)})`)
      : invalid('end', `end (${iso(end)}) is before start (${iso(start)})`);
  }
  const step =
    request.step === undefined
      ? defaultStep(start, end, Math.min(maxPoints, PROMETHEUS_MAX_POINTS_PER_SERIES))
      : typeof request.step === 'number'
        ? request.step
        : durationSeconds(request.step);
  const points = pointsPerSeries(start, end, step);
  if (points > PROMETHEUS_MAX_POINTS_PER_SERIES) {
    const least = defaultStep(start, end, PROMETHEUS_MAX_POINTS_PER_SERIES);
    throw invalid(
      'step',
      `a step of ${step} s over ${end - start} s gives ${points} points per series; Prometheus allows at most ${PROMETHEUS_MAX_POINTS_PER_SERIES}: use a step of at least ${least} s or a shorter range`,
    );
  }
  return { kind: 'range', promql: request.promql, start, end, step };
}
