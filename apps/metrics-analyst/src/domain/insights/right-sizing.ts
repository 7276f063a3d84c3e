import { InsightKind } from '@swarmops/contracts';
import { rightSizeCpu, rightSizeMemory, type Sizing } from '../math/sizing.js';
import {
  composeCpus,
  composeMemory,
  evidenceValue,
  formatBytes,
  formatCores,
  serviceSubject,
} from './format.js';
import type { RankedInsight } from './ranked.js';
import { MIN_SIZING_SAMPLES, OVERSIZED_FACTOR, OVERSIZED_FLOOR } from './thresholds.js';

export interface RightSizingInput {
  readonly service: string;
  readonly stack: string;
  /** Per-task samples over the window (the service's sum ÷ its running tasks). */
  readonly cpuPerTask: readonly number[];
  readonly memoryPerTask: readonly number[];
  readonly cpuLimit: number | null;
  readonly memoryLimit: number | null;
  /** The cluster's cores and bytes, to weigh the finding; null when unknown. */
  readonly capacity: { readonly cores: number | null; readonly bytes: number | null };
  readonly promql: readonly string[];
}

export interface Recommended {
  readonly cpu: Sizing;
  readonly memory: Sizing;
}

/** Per-task reservations and limits from the samples; null with fewer than 5 samples of either. */
export function recommendSizes(
  cpuPerTask: readonly number[],
  memoryPerTask: readonly number[],
): Recommended | null {
  if (cpuPerTask.length < MIN_SIZING_SAMPLES || memoryPerTask.length < MIN_SIZING_SAMPLES) return null;
  return { cpu: rightSizeCpu(cpuPerTask)!, memory: rightSizeMemory(memoryPerTask)! };
}

/** The compose `deploy.resources` block for a recommendation. */
export function composeResources(r: Recommended): string {
  return [
    'deploy:',
    '  resources:',
    `    reservations: { cpus: ${composeCpus(r.cpu.reservation)}, memory: ${composeMemory(r.memory.reservation)} }`,
    `    limits: { cpus: ${composeCpus(r.cpu.limit)}, memory: ${composeMemory(r.memory.limit)} }`,
  ].join('\n');
}

const oversized = (limit: number | null, recommended: number, floor: number): boolean =>
  limit !== null && limit >= recommended * OVERSIZED_FACTOR && limit - recommended >= floor;

/**
 * A service with no CPU or memory limit (`low`: one runaway task can starve its node), or with a limit
 * at least 3× the recommended one and above a floor (`info`: it blocks capacity the scheduler could use
 * only when reservations follow it, but hides runaway growth). Recommends p95-based sizes.
 */
export function buildRightSizing(input: RightSizingInput): RankedInsight[] {
  const rec = recommendSizes(input.cpuPerTask, input.memoryPerTask);
  if (rec === null) return [];
  const missing = [
    input.cpuLimit === null ? 'CPU' : null,
    input.memoryLimit === null ? 'memory' : null,
  ].filter((x): x is string => x !== null);
  const tooHigh = [
    oversized(input.cpuLimit, rec.cpu.limit, OVERSIZED_FLOOR.cpu) ? 'CPU' : null,
    oversized(input.memoryLimit, rec.memory.limit, OVERSIZED_FLOOR.memory) ? 'memory' : null,
  ].filter((x): x is string => x !== null);
  if (missing.length === 0 && tooHigh.length === 0) return [];
  const subject = serviceSubject(input.service);
  const usage = `p95 per task ${formatCores(rec.cpu.p95)} and ${formatBytes(rec.memory.p95)}`;
  const summary =
    missing.length > 0
      ? `${subject} has no ${missing.join(' or ')} limit; ${usage}.`
      : `${subject}'s ${tooHigh.join(' and ')} limit is far above its use (${usage}).`;
  const cpuShare = input.capacity.cores ? rec.cpu.p95 / input.capacity.cores : 0;
  const memShare = input.capacity.bytes ? rec.memory.p95 / input.capacity.bytes : 0;
  return [
    {
      score: Math.max(cpuShare, memShare),
      focus: ['cpu', 'memory'],
      insight: {
        kind: InsightKind.rightSizing,
        severity: missing.length > 0 ? 'low' : 'info',
        subject,
        summary,
        evidence: {
          promql: [...input.promql],
          values: {
            stack: input.stack,
            cpuP95Cores: evidenceValue(rec.cpu.p95),
            cpuPeakCores: evidenceValue(rec.cpu.peak),
            memoryP95Bytes: evidenceValue(rec.memory.p95),
            memoryPeakBytes: evidenceValue(rec.memory.peak),
            cpuLimitCores: evidenceValue(input.cpuLimit),
            memoryLimitBytes: evidenceValue(input.memoryLimit),
            recommendedCpuReservationCores: rec.cpu.reservation,
            recommendedCpuLimitCores: rec.cpu.limit,
            recommendedMemoryReservationBytes: rec.memory.reservation,
            recommendedMemoryLimitBytes: rec.memory.limit,
          },
        },
        recommendation: `Set per-task resources from the window's use (p95 + 20 % reserved, max(p95×1.5, peak×1.1) limit):\n${composeResources(rec)}`,
      },
    },
  ];
}
