import { silentLogger } from '@swarmops/bus';
import type { RpcContext } from '@swarmops/bus';
import { AppError, ErrorCode, MetricsRpc } from '@swarmops/contracts';
import type { QueryData, ServiceUsage } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import type { QueryCaps } from '../ports.js';
import { createMetricsHandlers } from './metrics-handlers.js';
import type { Analysis } from './metrics-handlers.js';

const ctx: RpcContext = { subject: 's', headers: undefined, logger: silentLogger };
const down = () =>
  new AppError(
    ErrorCode.UNAVAILABLE,
    'Prometheus at http://127.0.0.1:1 is unreachable: refused; check PROMETHEUS_URL',
  );

function setup(analyzer: Analysis, query: (caps: QueryCaps) => Promise<QueryData>) {
  const observed: [string, string, number][] = [];
  let t = 0;
  const handlers = createMetricsHandlers({
    analyzer,
    prom: { query: (_req, caps) => query(caps) },
    caps: { maxSeries: 3, maxPoints: 30 },
    metrics: { observeAnalysis: (kind, outcome, seconds) => observed.push([kind, outcome, seconds]) },
    clock: () => (t += 250),
  });
  const call = (subject: string, request: unknown) => {
    const found = handlers.find((h) => h.contract.subject === subject);
    if (found === undefined) throw new Error(`no handler for ${subject}`);
    return Promise.resolve(found.handler(request, ctx));
  };
  return { call, observed };
}

describe('metrics handlers', () => {
  it('serves analyze, query and service usage, timing each', async () => {
    const usage = { service: 'shop_api' } as ServiceUsage;
    const data: QueryData = {
      resultType: 'vector',
      series: [],
      query: { promql: 'up', start: null, end: 1, step: null },
      points: 0,
      truncated: false,
      warnings: [],
    };
    let capsSeen: QueryCaps | undefined;
    const { call, observed } = setup(
      {
        analyze: (req) => Promise.resolve({ window: req.window, insights: [] }),
        serviceUsage: () => Promise.resolve(usage),
      },
      (caps) => {
        capsSeen = caps;
        return Promise.resolve(data);
      },
    );
    const analyze = MetricsRpc.analyze.request.parse({ window: '5m' });
    expect(await call(MetricsRpc.analyze.subject, analyze)).toEqual({ window: '5m', insights: [] });
    expect(await call(MetricsRpc.query.subject, { promql: 'up' })).toBe(data);
    expect(capsSeen).toEqual({ maxSeries: 3, maxPoints: 30 });
    expect(await call(MetricsRpc.serviceUsage.subject, { service: 'shop_api', window: '1h' })).toBe(usage);
    expect(observed).toEqual([
      ['analyze', 'ok', 0.25],
      ['query', 'ok', 0.25],
      ['service-usage', 'ok', 0.25],
    ]);
  });

  it('passes Prometheus being down through as UNAVAILABLE and counts the outcome by code', async () => {
    const { call, observed } = setup(
      { analyze: () => Promise.reject(down()), serviceUsage: () => Promise.reject(new Error('bug')) },
      () => Promise.reject(down()),
    );
    await expect(call(MetricsRpc.analyze.subject, {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(call(MetricsRpc.query.subject, { promql: 'up' })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    await expect(call(MetricsRpc.serviceUsage.subject, { service: 'x' })).rejects.toThrow('bug');
    expect(observed.map(([kind, outcome]) => [kind, outcome])).toEqual([
      ['analyze', 'UNAVAILABLE'],
      ['query', 'UNAVAILABLE'],
      ['service-usage', 'INTERNAL'],
    ]);
  });
});
