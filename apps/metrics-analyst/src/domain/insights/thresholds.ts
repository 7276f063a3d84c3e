// Every threshold the insight builders use, in one place (docs/metrics.md repeats them).

export type Resource = 'cpu' | 'memory';

const MiB = 1024 * 1024;

/** Changes smaller than this are noise for any finding about a change (anomaly, correlation, trend). */
export const ABSOLUTE_FLOOR: Record<Resource, number> = { cpu: 0.05, memory: 32 * MiB };

/** Robust z-score from which the recent quarter of the window is an anomaly (Iglewicz & Hoaglin). */
export const ANOMALY_Z = 3.5;
/** From here an anomaly is `high`. */
export const ANOMALY_Z_HIGH = 10;
/** Fewest points on each side for an anomaly or a correlation. */
export const MIN_POINTS = 4;

/** Top consumers: share of the cluster's capacity → severity (high ≥ 0.8, medium ≥ 0.5, low ≥ 0.2). */
export const CONSUMER_SHARE = { high: 0.8, medium: 0.5, low: 0.2 } as const;
/** How many top consumers per resource and scope (service, node). */
export const TOP_CONSUMERS = 5;

/** Saturation: usage ÷ (limit × running) or node usage ÷ capacity → severity. */
export const SATURATION = { critical: 0.97, high: 0.9, medium: 0.8 } as const;

/** Right-sizing: a limit this many times the recommended limit, and this much above it, is far too high. */
export const OVERSIZED_FACTOR = 3;
export const OVERSIZED_FLOOR: Record<Resource, number> = { cpu: 0.25, memory: 256 * MiB };
/** Fewest samples to recommend sizes from. */
export const MIN_SIZING_SAMPLES = 5;

/** Capacity: report a predicted exhaustion within max(window × this, 24 h). */
export const CAPACITY_WINDOW_FACTOR = 4;
export const CAPACITY_MIN_HORIZON_SECONDS = 24 * 3600;
/** Hours left → severity: critical < 1 h, high < 6 h, medium < 24 h, low otherwise. */
export const CAPACITY_HOURS = { critical: 1, high: 6, medium: 24 } as const;
/**
 * A trend must move at least this share of the capacity over the window (by the fitted slope, and by what the
 * samples really moved from first to last) to be a trend, not noise or one step.
 */
export const CAPACITY_MIN_MOVE_SHARE = 0.01;
/**
 * A forecast reaches at most this many times as far ahead as the samples span (the alert rule predicts 6 h
 * from 1 h): a service that started a minute ago says nothing about the node's memory in hours.
 */
export const CAPACITY_MAX_EXTRAPOLATION = 12;

/** Correlation: a relative shift of at least 50 % (and above the absolute floor) after a deployment. */
export const CORRELATION_RELATIVE = 0.5;
/** From a shift of this many times (or from zero) a correlated increase is `high`. */
export const CORRELATION_RELATIVE_HIGH = 2;

/** Errors: restarts in the window → severity (high ≥ 10, medium ≥ 3, low ≥ 1). */
export const RESTARTS = { high: 10, medium: 3 } as const;
