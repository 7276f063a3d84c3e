import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aggregateUsage, emptyAggregateState, readContainerStats } from './aggregate.js';
import type { ContainerReading } from './aggregate.js';
import type { RawContainerStats } from './docker-types.js';

const fixture = (name: string): RawContainerStats =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8')) as RawContainerStats;
const v1 = fixture('stats-cgroup-v1.json');
const v2 = fixture('stats-cgroup-v2.json');

/** A stats answer with the given totals (seconds, bytes), in the v2 shape. */
function stats(cpuSeconds: number, rx = 0, tx = 0, memory = 1000): RawContainerStats {
  return {
    read: '2026-11-28T00:00:00Z',
    cpu_stats: { cpu_usage: { total_usage: cpuSeconds * 1e9 } },
    memory_stats: { usage: memory, stats: { inactive_file: 0 } },
    networks: { eth0: { rx_bytes: rx, tx_bytes: tx } },
  };
}
const reading = (id: string, s: RawContainerStats | undefined, service = 'shop_api'): ContainerReading => ({
  id,
  service,
  stack: 'shop',
  stats: s,
});
const always = () => true;

describe('readContainerStats', () => {
  it('reads a cgroup v1 answer: ns to seconds, usage minus total_inactive_file, every interface', () => {
    expect(readContainerStats(v1)).toEqual({
      cpuSeconds: 0.475584467,
      memoryBytes: 585728 - 4096,
      rxBytes: 376,
      txBytes: 0,
    });
  });

  it('reads a cgroup v2 answer: usage minus inactive_file, interfaces summed', () => {
    expect(readContainerStats(v2)).toEqual({
      cpuSeconds: 12.5,
      memoryBytes: 220200960 - 6291456,
      rxBytes: 1048576 + 2048,
      txBytes: 524288 + 1024,
    });
  });

  it('keeps usage when the inactive figure is missing or not below it', () => {
    const odd = { ...v2, memory_stats: { usage: 100, stats: { inactive_file: 200 } } };
    expect(readContainerStats(odd)?.memoryBytes).toBe(100);
  });

  it('has no reading for a container that stopped (zero read time) or an answer without CPU', () => {
    expect(readContainerStats({ ...v1, read: '0001-01-01T00:00:00Z' })).toBeUndefined();
    expect(readContainerStats({ read: '2026-11-28T00:00:00Z' })).toBeUndefined();
  });

  it('counts a container without networks (host network) as zero bytes', () => {
    const { networks: _, ...noNet } = v1;
    expect(readContainerStats(noNet)).toMatchObject({ rxBytes: 0, txBytes: 0 });
  });
});

describe('aggregateUsage', () => {
  it('sums the containers of one service and separates services and stacks', () => {
    const { samples } = aggregateUsage(
      emptyAggregateState,
      [reading('a', v1), reading('b', v2), reading('c', v1, 'shop_web')],
      always,
    );
    expect(samples).toHaveLength(2);
    const api = samples.find((s) => s.service === 'shop_api');
    expect(api).toEqual({
      service: 'shop_api',
      stack: 'shop',
      cpuSeconds: 0.475584467 + 12.5,
      memoryBytes: 585728 - 4096 + (220200960 - 6291456),
      rxBytes: 376 + 1048576 + 2048,
      txBytes: 524288 + 1024,
      containers: 2,
    });
    expect(samples.find((s) => s.service === 'shop_web')?.containers).toBe(1);
  });

  it('stays monotonic when a container is replaced by a new one', () => {
    let step = aggregateUsage(emptyAggregateState, [reading('a', stats(10, 100, 50))], always);
    step = aggregateUsage(step.state, [reading('a', stats(12, 150, 60))], always);
    expect(step.samples[0]).toMatchObject({ cpuSeconds: 12, rxBytes: 150, txBytes: 60 });
    // Task replaced: container a is gone, b starts from zero.
    step = aggregateUsage(step.state, [reading('b', stats(1, 5, 5, 300))], always);
    expect(step.samples[0]).toMatchObject({
      cpuSeconds: 13,
      rxBytes: 155,
      txBytes: 65,
      memoryBytes: 300,
      containers: 1,
    });
    step = aggregateUsage(step.state, [reading('b', stats(2, 6, 7))], always);
    expect(step.samples[0]).toMatchObject({ cpuSeconds: 14, rxBytes: 156, txBytes: 67 });
  });

  it('keeps a counter that went backwards inside the total', () => {
    let step = aggregateUsage(emptyAggregateState, [reading('a', stats(10, 100))], always);
    step = aggregateUsage(step.state, [reading('a', stats(3, 120))], always);
    expect(step.samples[0]).toMatchObject({ cpuSeconds: 13, rxBytes: 120 });
  });

  it("keeps a container's last values when its stats could not be read", () => {
    let step = aggregateUsage(emptyAggregateState, [reading('a', stats(10, 0, 0, 500))], always);
    step = aggregateUsage(step.state, [reading('a', undefined)], always);
    expect(step.samples[0]).toMatchObject({ cpuSeconds: 10, memoryBytes: 500, containers: 1 });
    step = aggregateUsage(step.state, [reading('a', stats(11))], always);
    expect(step.samples[0]).toMatchObject({ cpuSeconds: 11 });
  });

  it('does not count a container whose stats were never read', () => {
    const { samples } = aggregateUsage(emptyAggregateState, [reading('a', undefined)], always);
    expect(samples).toEqual([]);
  });

  it('keeps a scaled-to-zero service at zero memory while it exists, drops it once removed', () => {
    let step = aggregateUsage(emptyAggregateState, [reading('a', stats(10, 0, 0, 500))], always);
    step = aggregateUsage(step.state, [], (service) => service === 'shop_api');
    expect(step.samples).toEqual([
      {
        service: 'shop_api',
        stack: 'shop',
        cpuSeconds: 10,
        memoryBytes: 0,
        rxBytes: 0,
        txBytes: 0,
        containers: 0,
      },
    ]);
    step = aggregateUsage(step.state, [], () => false);
    expect(step.samples).toEqual([]);
    expect(step.state.base.size).toBe(0);
    // Recreated later under the same name: a fresh counter (Prometheus' rate() handles the reset).
    step = aggregateUsage(step.state, [reading('z', stats(1))], always);
    expect(step.samples[0]?.cpuSeconds).toBe(1);
  });
});
