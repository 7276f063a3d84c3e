import { InsightKind } from '@swarmops/contracts';
import { median, robustZ } from '../math/stats.js';
import type { Points } from '../math/trend.js';
import { evidenceValue, formatBytes, formatCores } from './format.js';
import type { RankedInsight } from './ranked.js';
import { ABSOLUTE_FLOOR, ANOMALY_Z, ANOMALY_Z_HIGH, MIN_POINTS, type Resource } from './thresholds.js';

export interface AnomalyInput {
  /** `service shop_api` or `node worker-1`. */
  readonly subject: string;
  readonly resource: Resource;
  readonly points: Points;
  /** The window, unix seconds; the recent quarter is [start + ¾·(end − start), end]. */
  readonly start: number;
  readonly end: number;
  readonly promql: readonly string[];
}

/**
 * The recent quarter of the window against the baseline before it: robust z-score of the recent median
 * (0.6745·(x − median)/MAD of the baseline). |z| ≥ 3.5 and a change above the absolute floor → `medium`;
 * |z| ≥ 10 (or a change from a constant baseline) → `high`.
 */
export function buildAnomaly(input: AnomalyInput): RankedInsight[] {
  const split = input.start + 0.75 * (input.end - input.start);
  const finitePoints = input.points.filter(([, v]) => Number.isFinite(v));
  const baseline = finitePoints.filter(([t]) => t < split).map(([, v]) => v);
  const recent = finitePoints.filter(([t]) => t >= split).map(([, v]) => v);
  if (baseline.length < MIN_POINTS || recent.length < MIN_POINTS) return [];
  const recentMedian = median(recent)!;
  const baselineMedian = median(baseline)!;
  const z = robustZ(recentMedian, baseline)!;
  const change = recentMedian - baselineMedian;
  if (Math.abs(z) < ANOMALY_Z || Math.abs(change) < ABSOLUTE_FLOOR[input.resource]) return [];
  const format = input.resource === 'cpu' ? formatCores : formatBytes;
  const what = input.resource === 'cpu' ? 'CPU' : 'memory';
  const direction = change > 0 ? 'rose' : 'fell';
  return [
    {
      score: Math.min(Math.abs(z) / 100, 1),
      focus: [input.resource],
      insight: {
        kind: InsightKind.anomaly,
        severity: Math.abs(z) >= ANOMALY_Z_HIGH ? 'high' : 'medium',
        subject: input.subject,
        summary: `${input.subject}'s ${what} ${direction} to ${format(recentMedian)} in the last quarter of the window from a baseline of ${format(baselineMedian)} (robust z-score ${Number.isFinite(z) ? z.toFixed(1) : 'unbounded'}).`,
        evidence: {
          promql: [...input.promql],
          values: {
            recentMedian: evidenceValue(recentMedian),
            baselineMedian: evidenceValue(baselineMedian),
            zScore: evidenceValue(z),
            recentFrom: new Date(split * 1000).toISOString(),
            baselinePoints: baseline.length,
            recentPoints: recent.length,
          },
        },
        recommendation:
          change > 0
            ? `Find what changed around ${new Date(split * 1000).toISOString()} (deployments, traffic, a stuck loop) — query_metrics with the PromQL above shows the curve.`
            : `Check that the drop is intended (less traffic, a crashed or idle worker).`,
      },
    },
  ];
}
