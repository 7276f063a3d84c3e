import { describe, expect, it } from 'vitest';
import { buildRightSizing, composeResources, recommendSizes } from './right-sizing.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const cpu = Array.from({ length: 20 }, () => 0.1);
const memory = Array.from({ length: 20 }, () => 100 * MiB);
const input = {
  service: 'api',
  stack: 'shop',
  cpuPerTask: cpu,
  memoryPerTask: memory,
  capacity: { cores: 2, bytes: 8 * GiB },
  promql: ['q'],
};

describe('buildRightSizing', () => {
  it('recommends p95-based sizes when limits are missing (low)', () => {
    const out = buildRightSizing({ ...input, cpuLimit: null, memoryLimit: 256 * MiB });
    expect(out).toHaveLength(1);
    expect(out[0]!.insight).toMatchObject({ kind: 'right-sizing', severity: 'low', subject: 'service api' });
    expect(out[0]!.insight.summary).toContain('no CPU limit');
    expect(out[0]!.insight.evidence.values).toMatchObject({
      recommendedCpuReservationCores: 0.15, // 0.12 → 0.15
      recommendedCpuLimitCores: 0.15,
      recommendedMemoryReservationBytes: 128 * MiB,
      recommendedMemoryLimitBytes: 160 * MiB, // 150 MiB → 160
    });
    expect(out[0]!.insight.recommendation).toContain(
      "reservations: { cpus: '0.15', memory: 128M }\n    limits: { cpus: '0.15', memory: 160M }",
    );
  });

  it('flags limits at least 3× the recommendation and above the floor (info)', () => {
    const out = buildRightSizing({ ...input, cpuLimit: 0.2, memoryLimit: 2 * GiB });
    expect(out[0]!.insight.severity).toBe('info');
    expect(out[0]!.insight.summary).toContain('memory limit is far above');
  });

  it('says nothing about limits that fit, or without enough samples', () => {
    expect(buildRightSizing({ ...input, cpuLimit: 0.3, memoryLimit: 256 * MiB })).toEqual([]);
    expect(buildRightSizing({ ...input, cpuPerTask: [0.1], cpuLimit: null, memoryLimit: null })).toEqual([]);
  });

  it('renders the compose resources block', () => {
    expect(composeResources(recommendSizes(cpu, memory)!)).toBe(
      [
        'deploy:',
        '  resources:',
        "    reservations: { cpus: '0.15', memory: 128M }",
        "    limits: { cpus: '0.15', memory: 160M }",
      ].join('\n'),
    );
  });
});
