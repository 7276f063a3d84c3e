import { describe, expect, it } from 'vitest';

import { parseByteSize, parseDuration, parseNanoCpus } from './units.js';

describe('parseDuration', () => {
  it('parses Go durations into nanoseconds', () => {
    expect(parseDuration('1m30s')).toBe(90e9);
    expect(parseDuration('500ms')).toBe(500e6);
    expect(parseDuration('1.5h')).toBe(5400e9);
    expect(parseDuration('10us')).toBe(10e3);
    expect(parseDuration('10µs')).toBe(10e3);
    expect(parseDuration('3ns')).toBe(3);
    expect(parseDuration('0')).toBe(0);
    expect(parseDuration('0s')).toBe(0);
    expect(parseDuration('.5s')).toBe(5e8);
    expect(parseDuration('-2s')).toBe(-2e9);
    expect(parseDuration('1h2m3s4ms')).toBe(3723004e6);
  });

  it('refuses what Go refuses', () => {
    for (const bad of ['', '10', '1x', 's', '1 s', '1m 30s', '.s', '1.5', '-'])
      expect(parseDuration(bad)).toBeUndefined();
  });
});

describe('parseByteSize', () => {
  it('uses binary units like docker RAMInBytes', () => {
    expect(parseByteSize('512M')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('1gb')).toBe(1024 ** 3);
    expect(parseByteSize('2KiB')).toBe(2048);
    expect(parseByteSize('100')).toBe(100);
    expect(parseByteSize('100b')).toBe(100);
    expect(parseByteSize('1.5k')).toBe(1536);
    expect(parseByteSize('10 MB')).toBe(10 * 1024 ** 2);
    expect(parseByteSize(4096)).toBe(4096);
  });

  it('refuses bad sizes', () => {
    for (const bad of ['', 'M', '1x', '1kbb', '1kib2', '-1k', '1bb', '1mx'])
      expect(parseByteSize(bad)).toBeUndefined();
    expect(parseByteSize(1.5)).toBeUndefined();
  });
});

describe('parseNanoCpus', () => {
  it('parses decimal CPUs', () => {
    expect(parseNanoCpus('0.5')).toBe(5e8);
    expect(parseNanoCpus(2)).toBe(2e9);
    expect(parseNanoCpus(0.25)).toBe(25e7);
    expect(parseNanoCpus('.001')).toBe(1e6);
    expect(parseNanoCpus('1.0000000000')).toBe(1e9);
  });

  it('refuses bad or too precise values', () => {
    for (const bad of ['', 'x', '1.0000000001', '-1', '.']) expect(parseNanoCpus(bad)).toBeUndefined();
  });
});
