import { describe, expect, it } from 'vitest';
import {
  analysisQueries,
  escapeLabelValue,
  escapeRegex,
  resolveServiceQuery,
  scopeMatchers,
} from './promql.js';
import { analysisWindow } from './window.js';

describe('PromQL for an analysis', () => {
  it('escapes label values and regex literals', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(escapeRegex('a.b|c')).toBe('a\\.b\\|c');
  });

  it('turns a scope into label matchers', () => {
    expect(scopeMatchers({})).toBe('');
    expect(scopeMatchers({ service: 'shop_api', stack: 'shop', stacks: ['shop', 'blog'] })).toBe(
      'service="shop_api",stack="shop",stack=~"shop|blog"',
    );
    // A regex-escaped dot, then string-escaped: \\. in the PromQL text.
    expect(scopeMatchers({ stacks: ['a.b'] })).toBe('stack=~"a\\\\.b"');
  });

  it('builds the queries from MetricNames with the scope and the window', () => {
    const q = analysisQueries({ stack: 'shop' }, '1h', 60);
    expect(q.cpuByService).toBe(
      'sum by (service, stack) (rate(swarm_service_cpu_seconds_total{stack="shop"}[60s]))',
    );
    expect(q.restarts).toBe(
      'sum by (service, stack) (increase(swarm_service_restarts_total{stack="shop"}[1h]))',
    );
    expect(q.failedTasks).toBe(
      'sum by (service, stack) (swarm_service_tasks{stack="shop",state=~"failed|rejected"})',
    );
    expect(q.nodeCores).toBe('max by (node) (swarm_node_cpu_cores)');
    expect(analysisQueries({}, '1h', 60).memoryByService).toBe(
      'sum by (service, stack) (swarm_service_memory_bytes)',
    );
  });

  it('resolves a service by name or id within the scope', () => {
    expect(resolveServiceQuery('shop_api', { stacks: ['shop'] }, '5m')).toBe(
      'group by (service, stack) (' +
        'last_over_time(swarm_service_replicas_desired{stack=~"shop",service="shop_api"}[5m]) or ' +
        'last_over_time(swarm_service_replicas_desired{stack=~"shop",service_id="shop_api"}[5m]) or ' +
        'last_over_time(swarm_service_memory_bytes{stack=~"shop",service="shop_api"}[5m]))',
    );
  });
});

describe('analysisWindow', () => {
  const now = new Date('2026-11-28T02:00:00.700Z');

  it('asks for about 240 points, at least 5 s apart, with a rate range of 4 steps or 60 s', () => {
    expect(analysisWindow('5m', now)).toMatchObject({ seconds: 300, step: 5, rateRange: 60 });
    expect(analysisWindow('1h', now)).toMatchObject({ step: 15, rateRange: 60 });
    expect(analysisWindow('7d', now)).toMatchObject({ step: 2520, rateRange: 10_080 });
    const w = analysisWindow('1h', now);
    expect(w.end).toBe(Math.floor(now.getTime() / 1000));
    expect(w.end - w.start).toBe(3600);
  });
});
