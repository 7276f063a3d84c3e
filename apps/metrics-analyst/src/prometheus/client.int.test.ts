import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAppError } from '@swarmops/contracts';
import { freePort, startPrometheus, type PrivatePrometheus } from '@swarmops/testkit/harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPromClient } from './client.js';

// A real Prometheus scraping a tiny /metrics server of this test every second.
const EXPOSITION = [
  '# TYPE probe_value gauge',
  ...[0, 1, 2, 3, 4].map((i) => `probe_value{i="${i}"} ${i}`),
  '# TYPE probe_special gauge',
  'probe_special{kind="nan"} NaN',
  'probe_special{kind="inf"} +Inf',
  'probe_special{kind="ninf"} -Inf',
  '',
].join('\n');

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; message: string; details: unknown }> {
  try {
    await promise;
  } catch (err) {
    if (isAppError(err)) return { code: err.code, message: err.message, details: err.details };
    throw err;
  }
  throw new Error('expected the call to fail');
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('createPromClient against a real Prometheus', () => {
  const target = createServer((req, res) => {
    if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(EXPOSITION);
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('404 page not found');
    }
  });
  let targetPort = 0;
  let prom: PrivatePrometheus;
  const caps = { maxSeries: 200, maxPoints: 11_000 };

  beforeAll(async () => {
    targetPort = await listen(target);
    prom = await startPrometheus({
      scrapeIntervalSeconds: 1,
      targets: [{ job: 'probe', address: `127.0.0.1:${targetPort}` }],
    });
    await prom.waitForTarget('probe');
    // Enough history for the range queries: three scrapes of every series.
    const client = createPromClient({ url: prom.url, timeoutMs: 30_000 });
    const now = () => Date.now() / 1000;
    await until('three scrapes', async () => {
      const series = await client.range('probe_value', now() - 60, now(), 1);
      return series.length === 5 && series.every((s) => s.points.length >= 3) ? true : undefined;
    });
  });

  afterAll(async () => {
    await prom?.stop();
    await new Promise((r) => target.close(r));
  });

  it('reads an instant vector and a scalar', async () => {
    const client = createPromClient({ url: `${prom.url}/`, timeoutMs: 30_000 });
    expect(client.url).toBe(prom.url);
    await client.ready();
    const samples = await client.instant('probe_value');
    expect(samples.map((s) => [s.labels.i, s.value]).sort()).toEqual([
      ['0', 0],
      ['1', 1],
      ['2', 2],
      ['3', 3],
      ['4', 4],
    ]);
    expect(samples[0]?.labels).toMatchObject({ job: 'probe', instance: `127.0.0.1:${targetPort}` });
    expect(await client.instant('scalar(sum(probe_value))')).toEqual([{ labels: {}, value: 10 }]);
    const special = await client.instant('probe_special');
    const byKind = Object.fromEntries(special.map((s) => [s.labels.kind ?? '', s.value] as const));
    expect(byKind).toEqual({ nan: NaN, inf: Infinity, ninf: -Infinity });
  });

  it('reads a range as series of [t, v] points, oldest first', async () => {
    const client = createPromClient({ url: prom.url, timeoutMs: 30_000 });
    const end = Date.now() / 1000;
    const series = await client.range('probe_value{i="3"}', end - 60, end, 1);
    expect(series).toHaveLength(1);
    const points = series[0]?.points ?? [];
    expect(points.length).toBeGreaterThanOrEqual(3);
    expect(points.every(([, v]) => v === 3)).toBe(true);
    expect(points.map(([t]) => t)).toEqual([...points.map(([t]) => t)].sort((a, b) => a - b));
  });

  it('answers query_metrics instant queries with the resolved time and no step', async () => {
    const client = createPromClient({ url: prom.url, timeoutMs: 30_000, now: () => new Date() });
    const data = await client.query({ promql: 'probe_special' }, caps);
    expect(data).toMatchObject({ resultType: 'vector', points: 3, truncated: false, warnings: [] });
    expect(data.query).toMatchObject({ promql: 'probe_special', start: null, step: null });
    const values = Object.fromEntries(
      data.series.map((s) => [s.labels.kind ?? '', s.points[0]?.[1]] as const),
    );
    expect(values).toEqual({ nan: 'NaN', inf: '+Inf', ninf: '-Inf' });
    const scalar = await client.query({ promql: '1 + 1' }, caps);
    expect(scalar).toMatchObject({
      resultType: 'scalar',
      series: [{ labels: {}, points: [[expect.any(Number), 2]] }],
    });
  });

  it('answers query_metrics range queries, choosing a step within the point cap', async () => {
    const client = createPromClient({ url: prom.url, timeoutMs: 30_000 });
    const end = Date.now() / 1000;
    const start = end - 20;
    const data = await client.query(
      { promql: 'probe_value{i="1"}', start: new Date(start * 1000).toISOString(), end },
      { maxSeries: 10, maxPoints: 6 },
    );
    expect(data.resultType).toBe('matrix');
    expect(data.query).toEqual({ promql: 'probe_value{i="1"}', start, end, step: 4 });
    expect(data.points).toBeLessThanOrEqual(6);
    expect(data.truncated).toBe(false);
  });

  it('cuts to the series and point caps and flags truncated', async () => {
    const client = createPromClient({ url: prom.url, timeoutMs: 30_000 });
    const bySeries = await client.query({ promql: 'probe_value' }, { maxSeries: 2, maxPoints: 100 });
    expect(bySeries).toMatchObject({ truncated: true, points: 2 });
    expect(bySeries.series).toHaveLength(2);
    expect(bySeries.warnings.join(' ')).toMatch(/2 of 5 series/);

    const end = Date.now() / 1000;
    const byPoints = await client.query(
      { promql: 'probe_value', start: end - 30, end, step: 1 },
      {
        maxSeries: 100,
        maxPoints: 7,
      },
    );
    expect(byPoints).toMatchObject({ resultType: 'matrix', truncated: true, points: 7 });
    expect(byPoints.series.reduce((n, s) => n + s.points.length, 0)).toBe(7);
    expect(byPoints.warnings.join(' ')).toMatch(/7 of \d+ points/);
  });

  it('refuses bad PromQL with INVALID_REQUEST naming promql and quoting Prometheus', async () => {
    const client = createPromClient({ url: prom.url, timeoutMs: 30_000 });
    for (const call of [
      () => client.instant('sum(probe_value'),
      () => client.range('rate(probe_value)', 0, 10, 1),
      () => client.query({ promql: 'probe_value +' }, caps),
    ]) {
      const err = await failure(call());
      expect(err.code).toBe('INVALID_REQUEST');
      expect(err.message).toMatch(/^invalid field `promql`: Prometheus refused the query: .*parse error/);
      expect(err.details).toMatchObject({ field: 'promql' });
    }
  });

  it('refuses end before start and more than 11,000 points per series, naming the field', async () => {
    const client = createPromClient({ url: prom.url, timeoutMs: 30_000 });
    const end = await failure(client.query({ promql: 'up', start: 2000, end: 1000 }, caps));
    expect(end).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'end' } });
    const step = await failure(client.query({ promql: 'up', start: 0, end: 86_400, step: 1 }, caps));
    expect(step).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'step' } });
    // Prometheus' own refusal of a range too fine names the field too.
    const direct = await failure(client.range('up', 0, 86_400, 1));
    expect(direct).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'step' } });
  });

  it('refuses a result larger than maxResponseBytes, naming promql', async () => {
    const client = createPromClient({ url: prom.url, timeoutMs: 30_000, maxResponseBytes: 200 });
    const end = Date.now() / 1000;
    const err = await failure(client.query({ promql: 'probe_value', start: end - 60, end, step: 1 }, caps));
    expect(err.code).toBe('INVALID_REQUEST');
    expect(err.message).toMatch(/^invalid field `promql`: the result is larger than 200 bytes/);
    expect(await client.instant('vector(1)')).toEqual([{ labels: {}, value: 1 }]);
  });

  it('is UNAVAILABLE for a URL that is not a Prometheus', async () => {
    const client = createPromClient({ url: `http://127.0.0.1:${targetPort}`, timeoutMs: 30_000 });
    const err = await failure(client.instant('up'));
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.message).toMatch(/HTTP 404 .*is that a Prometheus server\?.*check PROMETHEUS_URL/);
  });

  it('is TIMEOUT when Prometheus does not answer within the timeout', async () => {
    const silent = createServer(() => undefined);
    const port = await listen(silent);
    try {
      const client = createPromClient({ url: `http://127.0.0.1:${port}`, timeoutMs: 300 });
      const err = await failure(client.instant('up'));
      expect(err.code).toBe('TIMEOUT');
      expect(err.message).toMatch(/did not answer within 300 ms/);
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });
});

describe('createPromClient without a Prometheus', () => {
  it('is UNAVAILABLE once Prometheus has stopped', async () => {
    const prom = await startPrometheus({ targets: [] });
    const client = createPromClient({ url: prom.url, timeoutMs: 60_000 });
    try {
      await client.ready();
      expect(await client.instant('vector(1)')).toEqual([{ labels: {}, value: 1 }]);
    } finally {
      await prom.stop();
    }
    for (const call of [
      () => client.instant('up'),
      () => client.range('up', 0, 10, 1),
      () => client.query({ promql: 'up' }, { maxSeries: 1, maxPoints: 1 }),
      () => client.ready(),
    ]) {
      const err = await failure(call());
      expect(err.code).toBe('UNAVAILABLE');
      expect(err.message).toBe(
        `Prometheus at ${prom.url} is unreachable: connect ECONNREFUSED 127.0.0.1:${prom.port}; check PROMETHEUS_URL`,
      );
    }
  });

  it('is UNAVAILABLE, not TIMEOUT, for a port nobody listens on and a name that does not resolve', async () => {
    // A long timeout: an answer of UNAVAILABLE means the failure came at once, not when the timeout ran out.
    const closed = createPromClient({ url: `http://127.0.0.1:${await freePort()}`, timeoutMs: 120_000 });
    const refused = await failure(closed.query({ promql: 'up' }, { maxSeries: 1, maxPoints: 1 }));
    expect(refused.code).toBe('UNAVAILABLE');
    expect(refused.message).toMatch(/ECONNREFUSED.*; check PROMETHEUS_URL$/);
    const unknown = createPromClient({ url: 'http://prometheus.invalid:9090', timeoutMs: 120_000 });
    const unresolved = await failure(unknown.instant('up'));
    expect(unresolved.code).toBe('UNAVAILABLE');
    expect(unresolved.message).toMatch(
      /^Prometheus at http:\/\/prometheus\.invalid:9090 is unreachable: .*(ENOTFOUND|EAI_AGAIN)/,
    );
  });
});
