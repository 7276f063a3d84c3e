import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('reads days, hours, minutes, weeks and years', () => {
    expect(parseDuration('90d')).toBe(90 * 86_400_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    expect(parseDuration('30m')).toBe(30 * 60_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(parseDuration('1y')).toBe(365 * 86_400_000);
  });

  it('refuses zero, negatives, fractions and unknown units', () => {
    for (const bad of ['0d', '-1d', '1.5d', '90', 'd', '10x', '']) expect(parseDuration(bad)).toBeNull();
  });
});
