import { InsightKind, type Insight } from '@swarmops/contracts';
import { linearTrend, secondsUntil, type Points } from '../math/trend.js';
import { evidenceValue, formatBytes, formatHours } from './format.js';
import type { RankedInsight } from './ranked.js';
import {
  CAPACITY_HOURS,
  CAPACITY_MAX_EXTRAPOLATION,
  CAPACITY_MIN_HORIZON_SECONDS,
  CAPACITY_MIN_MOVE_SHARE,
  CAPACITY_WINDOW_FACTOR,
  MIN_POINTS,
} from './thresholds.js';

export type CapacityTarget = 'disk' | 'node-memory' | 'service-memory';

export interface CapacityInput {
  readonly target: CapacityTarget;
  /** `node worker-1` or `service shop_api`. */
  readonly subject: string;
  /** Free bytes (disk: falling to 0) or used bytes (memory: rising to `capacity`). */
  readonly points: Points;
  /** The disk's size, the node's memory, or the service's limit × running tasks. */
  readonly capacity: number;
  readonly windowSeconds: number;
  /** Unix seconds the prediction starts from (the analysis' now). */
  readonly at: number;
  readonly promql: readonly string[];
}

function severityOf(hours: number): Insight['severity'] {
  if (hours < CAPACITY_HOURS.critical) return 'critical';
  if (hours < CAPACITY_HOURS.high) return 'high';
  if (hours < CAPACITY_HOURS.medium) return 'medium';
  return 'low';
}

const WHAT: Record<CapacityTarget, { noun: string; advice: string }> = {
  disk: {
    noun: 'disk (Docker root)',
    advice: 'Free space (docker system prune, log rotation, old images and volumes) or grow the disk.',
  },
  'node-memory': {
    noun: 'memory',
    advice: 'Set memory limits on the growing services, move some off this node, or add memory.',
  },
  'service-memory': {
    noun: 'memory limit',
    advice: 'Look for a leak; raise the memory limit or scale out before tasks are OOM-killed.',
  },
};

/**
 * A linear trend (least squares over the window) reaching the capacity within max(window × 4, 24 h), and
 * within 12 times the span the samples cover. The trend, and the samples from first to last, must move at
 * least 1 % of the capacity toward it, so flat noise or a single step predicts nothing.
 * Severity by hours left: < 1 critical, < 6 high, < 24 medium, else low.
 */
export function buildCapacity(input: CapacityInput): RankedInsight[] {
  if (input.capacity <= 0 || input.points.length < MIN_POINTS) return [];
  const trend = linearTrend(input.points);
  if (
    trend === null ||
    Math.abs(trend.slope * input.windowSeconds) < CAPACITY_MIN_MOVE_SHARE * input.capacity
  )
    return [];
  const falling = input.target === 'disk';
  const first = input.points[0]!;
  const last = input.points.at(-1)!;
  const moved = falling ? first[1] - last[1] : last[1] - first[1];
  if (moved < CAPACITY_MIN_MOVE_SHARE * input.capacity) return [];
  const span = last[0] - first[0];
  const seconds = secondsUntil(
    input.points,
    falling ? 0 : input.capacity,
    input.at,
    falling ? 'falling' : 'rising',
  );
  const horizon = Math.max(input.windowSeconds * CAPACITY_WINDOW_FACTOR, CAPACITY_MIN_HORIZON_SECONDS);
  if (seconds === null || seconds >= horizon || seconds > span * CAPACITY_MAX_EXTRAPOLATION) return [];
  const hours = seconds / 3600;
  const { noun, advice } = WHAT[input.target];
  const perHour = trend.slope * 3600;
  return [
    {
      score: 1 / (1 + hours),
      focus: input.target === 'service-memory' ? ['capacity', 'memory'] : ['capacity'],
      insight: {
        kind: InsightKind.capacity,
        severity: severityOf(hours),
        subject: input.subject,
        summary:
          seconds === 0
            ? `${input.subject}'s ${noun} is exhausted by the window's trend (${formatBytes(Math.abs(perHour))}/h).`
            : `${input.subject}'s ${noun} runs out in about ${formatHours(seconds)} at the window's trend (${formatBytes(Math.abs(perHour))}/h ${falling ? 'consumed' : 'growth'}).`,
        evidence: {
          promql: [...input.promql],
          values: {
            hoursUntilFull: evidenceValue(hours),
            bytesPerHour: evidenceValue(perHour),
            capacityBytes: evidenceValue(input.capacity),
            lastBytes: evidenceValue(input.points.at(-1)?.[1]),
            fullAt: new Date((input.at + seconds) * 1000).toISOString(),
          },
        },
        recommendation: advice,
      },
    },
  ];
}
