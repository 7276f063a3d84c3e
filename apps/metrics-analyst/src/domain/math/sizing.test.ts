import { describe, expect, it } from 'vitest';
import { MEMORY_STEP_BYTES, rightSizeCpu, rightSizeMemory, roundUpTo } from './sizing.js';

const MiB = 1024 * 1024;

describe('right-sizing', () => {
  it('rounds up to whole steps, at least one', () => {
    expect(roundUpTo(0.12, 0.05)).toBe(0.15);
    expect(roundUpTo(0.15, 0.05)).toBe(0.15);
    expect(roundUpTo(0, 0.05)).toBe(0.05);
    expect(roundUpTo(17 * MiB, MEMORY_STEP_BYTES)).toBe(32 * MiB);
  });

  it('reserves p95 plus 20 % and limits at max(p95·1.5, peak·1.1), in 0.05 cores', () => {
    // 0.10 .. 0.30 cores: p95 = 0.29, peak 0.30
    const samples = Array.from({ length: 21 }, (_, i) => 0.1 + i * 0.01);
    const sizing = rightSizeCpu(samples)!;
    expect(sizing.p95).toBeCloseTo(0.29);
    expect(sizing.reservation).toBe(0.35); // 0.348 → 0.35
    expect(sizing.limit).toBe(0.45); // max(0.435, 0.33) → 0.45
  });

  it('lets a spike set the limit', () => {
    const samples = [...Array.from({ length: 99 }, () => 100 * MiB), 400 * MiB];
    const sizing = rightSizeMemory(samples)!;
    expect(sizing.reservation).toBe(128 * MiB); // 120 MiB → 128
    expect(sizing.limit).toBe(448 * MiB); // 440 MiB → 448
  });

  it('is null without samples', () => {
    expect(rightSizeCpu([])).toBeNull();
  });
});
