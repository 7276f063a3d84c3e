import { quantile } from './stats.js';

export const CPU_STEP_CORES = 0.05;
export const MEMORY_STEP_BYTES = 16 * 1024 * 1024;
/** Reservation = p95 × (1 + headroom). */
export const DEFAULT_HEADROOM = 0.2;

/** Rounds `value` up to a whole number of `step`s, at least one step. */
export function roundUpTo(value: number, step: number): number {
  const steps = Math.max(1, Math.ceil(value / step - 1e-9));
  // Keep 0.05-core steps free of binary noise (0.15000000000000002).
  return Number((steps * step).toFixed(6));
}

export interface Sizing {
  readonly reservation: number;
  readonly limit: number;
  readonly p95: number;
  readonly peak: number;
}

/**
 * Reservation and limit for one task from its usage samples: reservation = p95·(1+headroom) so the
 * scheduler books what the task normally uses; limit = max(p95·1.5, peak·1.1) so the observed peak still
 * fits with 10 % spare and a spiky task keeps room above its reservation. Both rounded up to `step`.
 * Null without samples.
 */
export function rightSize(
  samples: readonly number[],
  step: number,
  headroom = DEFAULT_HEADROOM,
): Sizing | null {
  const p95 = quantile(samples, 0.95);
  if (p95 === null) return null;
  const peak = Math.max(...samples);
  const reservation = roundUpTo(p95 * (1 + headroom), step);
  const limit = Math.max(roundUpTo(Math.max(p95 * 1.5, peak * 1.1), step), reservation);
  return { reservation, limit, p95, peak };
}

/** CPU sizing in cores, rounded to 0.05 core. */
export function rightSizeCpu(coreSamples: readonly number[]): Sizing | null {
  return rightSize(coreSamples, CPU_STEP_CORES);
}

/** Memory sizing in bytes, rounded to 16 MiB. */
export function rightSizeMemory(byteSamples: readonly number[]): Sizing | null {
  return rightSize(byteSamples, MEMORY_STEP_BYTES);
}
