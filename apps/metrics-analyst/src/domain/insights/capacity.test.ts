import { describe, expect, it } from 'vitest';
import { buildCapacity, type CapacityInput } from './capacity.js';

const GiB = 1024 ** 3;
const T0 = 1_790_000_000;
const HOUR = 3600;
// 61 points over one hour.
const series = (f: (t: number) => number): Array<[number, number]> =>
  Array.from({ length: 61 }, (_, i) => [T0 + i * 60, f(i * 60)]);
const disk = (freeAtEnd: number, perHour: number): CapacityInput => ({
  target: 'disk',
  subject: 'node n1',
  points: series((t) => freeAtEnd + perHour * ((HOUR - t) / HOUR)),
  capacity: 100 * GiB,
  windowSeconds: HOUR,
  at: T0 + HOUR,
  promql: ['q'],
});

describe('buildCapacity', () => {
  it('predicts the disk filling up and grades by hours left', () => {
    const severity = (freeAtEnd: number) =>
      buildCapacity(disk(freeAtEnd, 2 * GiB))[0]?.insight.severity ?? null;
    expect(severity(1 * GiB)).toBe('critical'); // 0.5 h
    expect(severity(6 * GiB)).toBe('high'); // 3 h
    expect(severity(20 * GiB)).toBe('medium'); // 10 h
    expect(severity(60 * GiB)).toBeNull(); // 30 h > max(4 h, 24 h)
    const out = buildCapacity(disk(6 * GiB, 2 * GiB))[0]!;
    expect(out.insight.evidence.values['hoursUntilFull']).toBeCloseTo(3);
    expect(out.insight.evidence.values['fullAt']).toBe(new Date((T0 + 4 * HOUR) * 1000).toISOString());
  });

  it('uses window × 4 as the horizon for long windows, within 12 times the span of the samples', () => {
    // Three days of samples, free space falling 0.5 GiB/h to 30 GiB: 60 h left, reported over a week's
    // window (< 28 days and < 12 × 72 h).
    const span = 72 * HOUR;
    const week: CapacityInput = {
      ...disk(0, 0),
      points: Array.from({ length: 61 }, (_, i): [number, number] => {
        const t = (i * span) / 60;
        return [T0 + t, (30 + 0.5 * ((span - t) / HOUR)) * GiB];
      }),
      windowSeconds: 7 * 24 * HOUR,
      at: T0 + span,
    };
    expect(buildCapacity(week)[0]?.insight.severity).toBe('low');
    // One hour of samples over the same window: 30 h ahead is more than 12 × 1 h, so nothing.
    expect(buildCapacity({ ...disk(60 * GiB, 2 * GiB), windowSeconds: 7 * 24 * HOUR })).toEqual([]);
  });

  it('says nothing about a single step: a service that started a minute ago', () => {
    // 15 min window; the node's summed service memory exists for the last minute only, 0 -> 120 MiB.
    const step: Array<[number, number]> = Array.from({ length: 5 }, (_, i) => [
      T0 + i * 15,
      i * 30 * 1024 ** 2,
    ]);
    const input: CapacityInput = {
      target: 'node-memory',
      subject: 'node vm',
      points: step,
      capacity: 24 * GiB,
      windowSeconds: 900,
      at: T0 + 60,
      promql: ['q'],
    };
    expect(buildCapacity(input)).toEqual([]);
  });

  it('predicts memory rising to a limit', () => {
    const out = buildCapacity({
      target: 'service-memory',
      subject: 'service api',
      points: series((t) => 0.5 * GiB + (t / HOUR) * 0.25 * GiB),
      capacity: GiB,
      windowSeconds: HOUR,
      at: T0 + HOUR,
      promql: ['q'],
    });
    expect(out[0]!.insight.evidence.values['hoursUntilFull']).toBeCloseTo(1);
    expect(out[0]!.focus).toEqual(['capacity', 'memory']);
  });

  it('ignores flat series, noise below 1 % of the capacity and trends moving away', () => {
    expect(buildCapacity(disk(10 * GiB, 0))).toEqual([]);
    expect(buildCapacity(disk(10 * GiB, 0.5 * GiB))).toEqual([]); // 0.5 % of 100 GiB
    expect(buildCapacity(disk(10 * GiB, -2 * GiB))).toEqual([]);
  });
});
