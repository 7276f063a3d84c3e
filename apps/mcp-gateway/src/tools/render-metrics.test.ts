import { describe, expect, it } from 'vitest';
import type { Insight, QueryData, ServiceUsage } from '@swarmops/contracts';
import {
  DETAILED_INSIGHTS,
  bytes,
  num,
  renderInsights,
  renderQuery,
  renderServiceUsage,
} from './render-metrics.js';
import { MAX_TEXT_CHARS } from './render.js';

const CPU_QUERY = 'sum by (service, stack) (rate(swarm_service_cpu_seconds_total[5m]))';

const insight = (over: Partial<Insight> = {}): Insight => ({
  kind: 'top-consumer',
  severity: 'high',
  subject: 'service shop_burner',
  summary: 'shop_burner used 0.98 of 2 cores (49 %) over the last 5m, the most of any service.',
  evidence: { promql: [CPU_QUERY, 'count(swarm_node_info)'], values: { cpuCores: 0.98123, share: 0.49 } },
  recommendation: 'Set a CPU limit on shop_burner (deploy.resources.limits.cpus: "0.5").',
  ...over,
});

describe('metrics renderings', () => {
  it('formats numbers and bytes for a reader', () => {
    expect(num(0.981234)).toBe('0.981');
    expect(num(1234.56)).toBe('1234.6');
    expect(num(2)).toBe('2');
    expect(num(Number.NaN)).toBe('NaN');
    expect(bytes(512)).toBe('512 B');
    expect(bytes(200 * 1024 * 1024)).toBe('200 MiB');
    expect(bytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
  });

  it('renders insights in the given rank with severity, subject, numbers, recommendation and PromQL', () => {
    const text = renderInsights({
      window: '5m',
      insights: [
        insight(),
        insight({
          kind: 'correlation',
          severity: 'medium',
          subject: 'service shop_api',
          summary: 'shop_api CPU rose 8x after deployment 3 of stack shop.',
          evidence: {
            promql: ['avg_over_time(x[5m])'],
            values: { before: 0.01, after: 0.8, version: 'v2', missing: null },
            deploymentId: '6a1d4c36-7f0e-4a51-9a38-7f3d2f0b1c11',
          },
        }),
      ],
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('2 insights over the last 5m, most severe first:');
    expect(lines[1]).toBe(
      '1. HIGH top-consumer service shop_burner: shop_burner used 0.98 of 2 cores (49 %) over the last 5m, the ' +
        'most of any service.',
    );
    expect(lines[2]).toBe('   numbers: cpuCores=0.981, share=0.49');
    expect(lines[3]).toContain('   recommendation: Set a CPU limit on shop_burner');
    expect(lines[4]).toBe(`   promql: ${CPU_QUERY} (+1 more)`);
    expect(lines[5]).toMatch(/^2\. MEDIUM correlation service shop_api: /);
    expect(lines[6]).toBe('   numbers: before=0.01, after=0.8, version=v2, missing=unknown');
    expect(lines[7]).toBe('   deployment: 6a1d4c36-7f0e-4a51-9a38-7f3d2f0b1c11');
    expect(text).toContain('rerun one with query_metrics');
  });

  it('says so when nothing stands out, and stays bounded with many insights', () => {
    expect(renderInsights({ window: '1h', insights: [] })).toMatch(/^No insights over the last 1h/);
    const many = Array.from({ length: 120 }, (_, i) => insight({ subject: `service s${i}` }));
    const text = renderInsights({ window: '1h', insights: many });
    expect(text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(text).toContain(`${DETAILED_INSIGHTS}. HIGH top-consumer service s${DETAILED_INSIGHTS - 1}`);
    expect(text).not.toContain(`${DETAILED_INSIGHTS + 1}.    numbers`);
    expect(text).toMatch(/more in structuredContent\.insights|text truncated/);
  });

  it('renders an instant and a truncated range query with their series', () => {
    const instant: QueryData = {
      resultType: 'vector',
      series: [{ labels: { service: 'shop_api', stack: 'shop' }, points: [[1_800_000_000, 3]] }],
      query: { promql: 'swarm_service_replicas_running', start: null, end: 1_800_000_000, step: null },
      points: 1,
      truncated: false,
      warnings: [],
    };
    expect(renderQuery(instant).split('\n')).toEqual([
      'swarm_service_replicas_running',
      'vector, 1 series, 1 points, instant at 2027-01-15T08:00:00.000Z',
      '- {service="shop_api", stack="shop"} 3',
    ]);
    const range: QueryData = {
      resultType: 'matrix',
      series: [
        {
          labels: {},
          points: [
            [1_800_000_000, 1],
            [1_800_000_015, 'NaN'],
            [1_800_000_030, 5],
          ],
        },
      ],
      query: { promql: 'up', start: 1_800_000_000, end: 1_800_000_030, step: 15 },
      points: 3,
      truncated: true,
      warnings: ['cut at 3 points'],
    };
    const text = renderQuery(range);
    expect(text).toContain(
      'matrix, 1 series, 3 points, range 2027-01-15T08:00:00.000Z .. 2027-01-15T08:00:30.000Z step 15s',
    );
    expect(text).toContain('Truncated: series or points were cut at the caps');
    expect(text).toContain('- {} 5 (last of 3 points, min 1 max 5)');
    expect(text).toContain('warning: cut at 3 points');
  });

  it("renders a service's usage against its limits, with the advice and its insights", () => {
    const usage: ServiceUsage = {
      service: 'shop_api',
      stack: 'shop',
      window: '1h',
      replicas: { desired: 2, running: 2 },
      cpu: { current: 0.5, p50: 0.4, p95: 0.9, max: 1.1, limitCores: 0.5, reservationCores: null },
      memory: {
        current: 300 * 1024 ** 2,
        p50: 256 * 1024 ** 2,
        p95: 310 * 1024 ** 2,
        max: 320 * 1024 ** 2,
        limitBytes: 512 * 1024 ** 2,
        reservationBytes: null,
      },
      network: { receiveBytesPerSecond: 2048, transmitBytesPerSecond: null },
      restarts: 0,
      recommended: {
        cpuReservationCores: 0.55,
        cpuLimitCores: 0.7,
        memoryReservationBytes: 176 * 1024 ** 2,
        memoryLimitBytes: 240 * 1024 ** 2,
      },
      insights: [insight({ kind: 'saturation', subject: 'service shop_api' })],
      promql: ['a', 'b', 'c'],
    };
    const lines = renderServiceUsage(usage).split('\n');
    expect(lines[0]).toBe('shop_api (stack shop) over the last 1h: 2/2 replicas running');
    expect(lines[1]).toBe(
      'cpu (all tasks): now 0.5 cores, p50 0.4 cores, p95 0.9 cores, max 1.1 cores, limit per task 0.5 cores',
    );
    expect(lines[2]).toBe(
      'memory (all tasks): now 300 MiB, p50 256 MiB, p95 310 MiB, max 320 MiB, limit per task 512 MiB',
    );
    expect(lines[3]).toBe('network: receive 2 KiB/s, transmit unknown; restarts in the window: 0');
    expect(lines[4]).toBe(
      'recommended per task: cpu reservation 0.55, limit 0.7 cores; memory reservation 176 MiB, limit 240 MiB',
    );
    expect(lines[5]).toMatch(/^- HIGH saturation service shop_api: .*\(Set a CPU limit/);
    expect(lines[6]).toBe('3 PromQL queries behind these numbers in structuredContent.promql.');
    const empty = renderServiceUsage({ ...usage, recommended: null, insights: [], stack: null });
    expect(empty).toContain('recommended per task: not enough data yet');
    expect(empty.split('\n')[0]).toBe('shop_api over the last 1h: 2/2 replicas running');
  });
});
