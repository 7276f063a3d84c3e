import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoint, serve } from '@swarmops/bus';
import { AppError, ErrorCode, MetricsRpc } from '@swarmops/contracts';
import type { Insight, QueryData, ServiceUsage } from '@swarmops/contracts';
import { ensureTestImage, uniqueName, withDockerCleanup } from '@swarmops/testkit';
import { startEnvironment } from '../testing/environment.js';
import type { TestEnvironment } from '../testing/environment.js';
import { auditRows } from '../testing/gateway-fixture.js';

// The metrics tools through the real MCP server over HTTP, against a MetricsRpc stand-in served on a
// real nats-server (inventory answers from the real Docker engine, where two stacks of one service each
// make the scope visible): published schemas, the fixed analyze_metrics fields, the caller's stacks
// passed on, query_metrics refused to scoped tokens before anything is sent, errors, one audit row per
// call. End to end against the real metrics-analyst and Prometheus is test/e2e/gateway-metrics.test.ts.

let env: TestEnvironment;
let admin: string;
let stand: Awaited<ReturnType<typeof serveMetricsStandIn>>;
let stackA: string;
let stackB: string;
let releaseDocker: () => void;
let cleanupDone: Promise<void>;

const INSIGHT: Insight = {
  kind: 'top-consumer',
  severity: 'high',
  subject: 'service shop_burner',
  summary: 'shop_burner used 0.98 cores over the last 5m, the most of any service.',
  evidence: {
    promql: ['sum by (service) (rate(swarm_service_cpu_seconds_total[5m]))'],
    values: { cpuCores: 0.98 },
  },
  recommendation: 'Set a CPU limit on shop_burner.',
};

/** Answers MetricsRpc with canned data, records requests; `unavailable` anywhere answers UNAVAILABLE. */
async function serveMetricsStandIn(nc: TestEnvironment['nats']['nc']) {
  const requests = new Map<string, unknown[]>();
  const record = (subject: string, req: unknown) => {
    requests.set(subject, [...(requests.get(subject) ?? []), req]);
    if (JSON.stringify(req).includes('unavailable'))
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        'Prometheus at http://127.0.0.1:9 is unreachable: connect ECONNREFUSED; check PROMETHEUS_URL',
      );
  };
  const service = await serve(nc, { name: 'metrics-test', version: '0.0.0' }, [
    endpoint(MetricsRpc.analyze, (req) => {
      record(MetricsRpc.analyze.subject, req);
      return { window: req.window, insights: [INSIGHT] };
    }),
    endpoint(MetricsRpc.query, (req): QueryData => {
      record(MetricsRpc.query.subject, req);
      return {
        resultType: 'vector',
        series: [{ labels: { job: 'metrics-analyst' }, points: [[1_800_000_000, 1]] }],
        query: { promql: req.promql, start: null, end: 1_800_000_000, step: null },
        points: 1,
        truncated: false,
        warnings: [],
      };
    }),
    endpoint(MetricsRpc.serviceUsage, (req): ServiceUsage => {
      record(MetricsRpc.serviceUsage.subject, req);
      const stat = { current: 0.1, p50: 0.1, p95: 0.2, max: 0.3 };
      return {
        service: req.service,
        stack: req.service.split('_')[0] ?? null,
        window: req.window,
        replicas: { desired: 0, running: 0 },
        cpu: { ...stat, limitCores: null, reservationCores: null },
        memory: { ...stat, limitBytes: null, reservationBytes: null },
        network: { receiveBytesPerSecond: null, transmitBytesPerSecond: null },
        restarts: 0,
        recommended: null,
        insights: [],
        promql: ['swarm_service_replicas_running'],
      };
    }),
  ]);
  return { requests: (s: string) => requests.get(s) ?? [], stop: () => service.stop() };
}

beforeAll(async () => {
  env = await startEnvironment({ MCP_RATE_LIMIT_PER_SECOND: '1000', MCP_RATE_LIMIT_BURST: '1000' });
  // This file's stand-in answers MetricsRpc instead of the environment's (both would share the queue group).
  await env.metrics.stop();
  stand = await serveMetricsStandIn(env.nats.nc);
  admin = await env.gateway.token({ role: 'admin' });
  let ready!: () => void;
  const created = new Promise<void>((resolve) => (ready = resolve));
  cleanupDone = withDockerCleanup(env.docker, async (scope) => {
    const image = await ensureTestImage(scope.docker);
    stackA = uniqueName('mta');
    stackB = uniqueName('mtb');
    for (const stack of [stackA, stackB]) {
      await scope.docker.createService({
        Name: `${stack}_web`,
        Labels: { ...scope.labels, 'com.docker.stack.namespace': stack },
        TaskTemplate: { ContainerSpec: { Image: image, Command: ['sleep', '3600'] } },
        Mode: { Replicated: { Replicas: 0 } },
      });
    }
    ready();
    await new Promise<void>((resolve) => (releaseDocker = resolve));
  });
  await Promise.race([created, cleanupDone]);
});

afterAll(async () => {
  releaseDocker?.();
  await cleanupDone;
  await stand?.stop();
  await env?.close();
});

async function connect(token: string) {
  const client = new Client({ name: 'metrics-tools-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(env.gateway.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

const textOf = (r: { content?: unknown }) => (r.content as { text: string }[])[0]?.text ?? '';

/** Runs `fn` and returns the audit rows it left. */
async function audited(fn: () => Promise<void>) {
  const before = (await auditRows(env.pg.pool)).length;
  await fn();
  return (await auditRows(env.pg.pool)).slice(before);
}

describe('metrics tools over MCP', () => {
  it('publishes the three tools with their fixed arguments, outputs and read-only annotations', async () => {
    const client = await connect(admin);
    try {
      const { tools } = await client.listTools();
      const byName = new Map(tools.map((t) => [t.name, t]));
      const props = (schema: unknown) => Object.keys((schema as { properties: object }).properties).sort();
      expect(props(byName.get('analyze_metrics')?.inputSchema)).toEqual([
        'focus',
        'service',
        'stack',
        'window',
      ]);
      expect(props(byName.get('analyze_metrics')?.outputSchema)).toEqual(['insights', 'window']);
      expect(props(byName.get('query_metrics')?.inputSchema)).toEqual(['end', 'promql', 'start', 'step']);
      expect(props(byName.get('query_metrics')?.outputSchema)).toEqual(
        expect.arrayContaining(['points', 'query', 'resultType', 'series', 'truncated']),
      );
      expect(props(byName.get('get_service_usage')?.inputSchema)).toEqual(['service', 'window']);
      for (const name of ['analyze_metrics', 'query_metrics', 'get_service_usage'])
        expect(byName.get(name)?.annotations, name).toMatchObject({
          readOnlyHint: true,
          destructiveHint: false,
        });
    } finally {
      await client.close();
    }
  });

  it('analyze_metrics returns exactly { window, insights } with the ranked text, audited once', async () => {
    const client = await connect(admin);
    try {
      let result: Awaited<ReturnType<typeof client.callTool>> | undefined;
      const rows = await audited(async () => {
        result = await client.callTool({
          name: 'analyze_metrics',
          arguments: { focus: 'cpu', window: '5m' },
        });
      });
      expect(result?.isError, textOf(result ?? {})).toBeFalsy();
      expect(result?.structuredContent).toEqual({ window: '5m', insights: [INSIGHT] });
      expect(textOf(result ?? {})).toContain('1. HIGH top-consumer service shop_burner');
      expect(stand.requests(MetricsRpc.analyze.subject).at(-1)).toEqual({
        focus: 'cpu',
        window: '5m',
        limit: 20,
      });
      expect(rows).toEqual([
        expect.objectContaining({ tool: 'analyze_metrics', decision: 'allowed', outcome: 'ok' }),
      ]);
    } finally {
      await client.close();
    }
  });

  it('names the bad field and passes UNAVAILABLE through as the error code', async () => {
    const client = await connect(admin);
    try {
      const bad = await client.callTool({ name: 'analyze_metrics', arguments: { window: '9y' } });
      expect(bad.isError).toBe(true);
      expect(textOf(bad)).toMatch(/^INVALID_REQUEST: .*window/);
      const down = await client.callTool({
        name: 'query_metrics',
        arguments: { promql: 'up{x="unavailable"}' },
      });
      expect(down.isError).toBe(true);
      expect(textOf(down)).toMatch(/^UNAVAILABLE: Prometheus at .* is unreachable/);
      const ok = await client.callTool({ name: 'query_metrics', arguments: { promql: 'up', step: '15s' } });
      expect(ok.isError, textOf(ok)).toBeFalsy();
      expect(textOf(ok)).toContain('vector, 1 series, 1 points');
    } finally {
      await client.close();
    }
  });

  it('keeps a stack-scoped viewer to its stacks and refuses it query_metrics before anything is sent', async () => {
    const scoped = await env.gateway.token({ role: 'viewer', stacks: [stackA] });
    const client = await connect(scoped);
    try {
      const whole = await client.callTool({ name: 'analyze_metrics', arguments: {} });
      expect(whole.isError, textOf(whole)).toBeFalsy();
      expect(stand.requests(MetricsRpc.analyze.subject).at(-1)).toEqual({
        focus: 'all',
        window: '1h',
        limit: 20,
        stacks: [stackA],
      });
      const own = await client.callTool({
        name: 'get_service_usage',
        arguments: { service: `${stackA}_web` },
      });
      expect(own.isError, textOf(own)).toBeFalsy();
      const sentBefore = {
        analyze: stand.requests(MetricsRpc.analyze.subject).length,
        query: stand.requests(MetricsRpc.query.subject).length,
        usage: stand.requests(MetricsRpc.serviceUsage.subject).length,
      };
      const refused: [string, Record<string, unknown>][] = [
        ['analyze_metrics', { stack: stackB }],
        ['analyze_metrics', { service: `${stackB}_web` }],
        ['analyze_metrics', { stack: stackA, service: `${stackB}_web` }],
        ['query_metrics', { promql: 'up' }],
        ['get_service_usage', { service: `${stackB}_web` }],
      ];
      for (const [name, args] of refused) {
        let result: Awaited<ReturnType<typeof client.callTool>> | undefined;
        const rows = await audited(async () => {
          result = await client.callTool({ name, arguments: args });
        });
        expect(textOf(result ?? {}), `${name} ${JSON.stringify(args)}`).toMatch(/^FORBIDDEN: /);
        expect(rows).toEqual([
          expect.objectContaining({ tool: name, decision: 'denied', error_code: 'FORBIDDEN' }),
        ]);
      }
      const query = await client.callTool({ name: 'query_metrics', arguments: { promql: 'up' } });
      expect(textOf(query)).toContain('cannot be limited to stacks');
      expect(stand.requests(MetricsRpc.analyze.subject).length).toBe(sentBefore.analyze);
      expect(stand.requests(MetricsRpc.query.subject).length).toBe(sentBefore.query);
      expect(stand.requests(MetricsRpc.serviceUsage.subject).length).toBe(sentBefore.usage);
    } finally {
      await client.close();
    }
  });
});
