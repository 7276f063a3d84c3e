import { createTokenStore } from '@swarmops/auth';
import type { AnalyzeData, QueryData, ServiceUsage } from '@swarmops/contracts';
import {
  createTestDocker,
  ensureTestImage,
  pgFixture,
  removeLabeled,
  requireDocker,
  uniqueName,
} from '@swarmops/testkit';
import type { PgFixture } from '@swarmops/testkit';
import { afterAll, beforeAll, expect, onTestFailed, test } from 'vitest';
import { quietly } from '../fixtures/deployer/quietly.js';
import { auditCount, auditRowsAfter } from '../fixtures/gateway/audit.js';
import { startGateway } from '../fixtures/gateway/gateway-process.js';
import type { GatewayProcess } from '../fixtures/gateway/gateway-process.js';
import { connectHttp, resultText } from '../fixtures/gateway/mcp-clients.js';
import type { McpSession, ToolResult } from '../fixtures/gateway/mcp-clients.js';
import { pollUntil } from '../fixtures/inventory/poll.js';
import { startMetricsEnv } from '../fixtures/metrics/metrics-env.js';
import type { MetricsEnv } from '../fixtures/metrics/metrics-env.js';
import { CPU_BURNER, IDLE, createWorkload, runningTasks } from '../fixtures/metrics/workloads.js';

// Acceptance of #8's tools: the official MCP client (Streamable HTTP) -> mcp-gateway (child process) -> NATS ->
// the real metrics-analyst (child process) -> a private Prometheus scraping that analyst's exporter every 2 s,
// on the shared swarm with a CPU burner and an idle service of the test's own stack. The three tools answer
// with evidence, a bad argument names its field, a stack-scoped token gets FORBIDDEN on query_metrics and its
// analysis stays in its stacks, with Prometheus stopped every tool says UNAVAILABLE, and every call leaves
// exactly one audit row.

const METRICS_TOOLS = ['analyze_metrics', 'get_service_usage', 'query_metrics'];

const docker = createTestDocker(undefined, 60_000);
const run = uniqueName('e2e-gwm');
const stack = run;
const burner = `${stack}_burner`;
const idle = `${stack}_idle`;
let env: MetricsEnv | undefined;
let pg: PgFixture | undefined;
let gateway: GatewayProcess | undefined;
let viewer: McpSession;
let scoped: McpSession;
let auditBefore = 0;
let failures = 0;

function structured<T>(result: ToolResult): T {
  expect(result.isError, resultText(result)).toBeFalsy();
  return result.structuredContent as T;
}

beforeAll(async () => {
  await requireDocker();
  const image = await ensureTestImage(docker);
  expect(image).toBeTruthy();
  const t0 = Date.now();
  pg = await pgFixture();
  env = await startMetricsEnv({ name: 'e2e-gateway-metrics', platform: false });
  gateway = await startGateway({ natsUrl: env.nats.url, databaseUrl: pg.url });
  const tokens = createTokenStore(pg.pool);
  const token = async (role: 'viewer', stacks?: string[]) =>
    (await tokens.create({ name: `${run}-${role}`, role, createdBy: 'e2e', ...(stacks ? { stacks } : {}) }))
      .token;
  viewer = await connectHttp(gateway.mcpUrl, await token('viewer'));
  scoped = await connectHttp(gateway.mcpUrl, await token('viewer', [stack]));
  await tokens.flush();
  auditBefore = await auditCount(pg.pool);
  await createWorkload(docker, { name: burner, run, stack, command: CPU_BURNER });
  await createWorkload(docker, { name: idle, run, stack, command: IDLE });
  for (const name of [burner, idle]) {
    await pollUntil(
      `a running task of ${name}`,
      async () => ((await runningTasks(docker, name)) === 1 ? true : undefined),
      { maxMs: 120_000, everyMs: 500 },
    );
  }
  console.log(`gateway + metrics-analyst + prometheus + workloads up in ${Date.now() - t0} ms`);
}, 300_000);

afterAll(async () => {
  const passed = failures === 0;
  for (const session of [viewer, scoped]) if (session) await quietly(session.close());
  await quietly(removeLabeled(docker, run, 120_000));
  if (!passed && gateway) console.log(`gateway log:\n${gateway.output().slice(-4000)}`);
  if (gateway) await quietly(gateway.stop());
  await env?.stop({ passed });
  await pg?.cleanup();
}, 300_000);

test('the three tools answer through MCP with ranked, evidenced results', async () => {
  onTestFailed(() => void failures++);
  const { tools } = await viewer.client.listTools();
  expect(
    tools
      .map((t) => t.name)
      .filter((n) => METRICS_TOOLS.includes(n))
      .sort(),
  ).toEqual(METRICS_TOOLS);

  // analyze_metrics: polled until Prometheus has enough scrapes of the burner for a CPU ranking.
  const t0 = Date.now();
  let result: ToolResult | undefined;
  const analysis = await pollUntil(
    `analyze_metrics ranks a service of stack ${stack} by CPU`,
    async () => {
      result = await viewer.call('analyze_metrics', { focus: 'cpu', stack, window: '5m' });
      const data = structured<AnalyzeData>(result);
      return data.insights.some((i) => i.kind === 'top-consumer' && i.subject.startsWith('service '))
        ? data
        : undefined;
    },
    { maxMs: 180_000, everyMs: 3000 },
  );
  console.log(`analyze_metrics ranked after ${Date.now() - t0} ms:\n${resultText(result!)}`);
  expect(Object.keys(analysis).sort()).toEqual(['insights', 'window']);
  expect(analysis.window).toBe('5m');
  const services = analysis.insights.filter((i) => i.subject.startsWith('service '));
  expect(services[0]?.subject).toBe(`service ${burner}`);
  expect(services[0]?.evidence.promql.length).toBeGreaterThan(0);
  expect(resultText(result!)).toMatch(new RegExp(`^\\d+\\. [A-Z]+ [a-z-]+ service ${burner}: `, 'm'));
  expect(resultText(result!)).toContain('promql: ');

  // query_metrics: an instant query of the exporter's replicas, and a range query over the last 30 s of scrapes.
  const instant = structured<QueryData>(
    await viewer.call('query_metrics', { promql: `swarm_service_replicas_running{service="${burner}"}` }),
  );
  expect(instant.resultType).toBe('vector');
  expect(instant.series.map((s) => s.points.at(-1)?.[1])).toEqual([1]);
  // Polled: Prometheus may have run for less than 30 s when the analysis first ranks the burner.
  let now = 0;
  const range = await pollUntil(
    'query_metrics returns more than 5 points of the last 30 s',
    async () => {
      now = Math.floor(Date.now() / 1000);
      const data = structured<QueryData>(
        await viewer.call('query_metrics', {
          promql: 'up{job="metrics-analyst"}',
          start: now - 30,
          end: now,
          step: '2s',
        }),
      );
      return data.points > 5 ? data : undefined;
    },
    { maxMs: 60_000, everyMs: 2000 },
  );
  expect(range.resultType).toBe('matrix');
  expect(range.query).toMatchObject({ start: now - 30, end: now, step: 2 });
  expect(range.points).toBeGreaterThan(5);
  expect(range.series[0]?.points.at(-1)?.[1], JSON.stringify(range.series)).toBe(1);
  expect(range.truncated).toBe(false);
  // The first insight's evidence runs as it is.
  const rerun = await viewer.call('query_metrics', { promql: services[0]!.evidence.promql[0]! });
  expect(rerun.isError, resultText(rerun)).toBeFalsy();

  // get_service_usage: the burner's own numbers over the window.
  const usage = structured<ServiceUsage>(
    await viewer.call('get_service_usage', { service: burner, window: '5m' }),
  );
  expect(usage).toMatchObject({ service: burner, stack, window: '5m', replicas: { running: 1 } });
  // A burner on a loaded 2-core machine may get well under a tenth of a core; an idle service reads 0.000.
  expect(usage.cpu.max ?? 0).toBeGreaterThan(0.01);
  expect(usage.promql.length).toBeGreaterThan(0);
  expect(resultText(await viewer.call('get_service_usage', { service: burner }))).toContain(
    `${burner} (stack ${stack}) over the last 1h`,
  );
});

test('a bad argument names its field; a stack-scoped token is refused query_metrics and kept to its stack', async () => {
  onTestFailed(() => void failures++);
  const badWindow = await viewer.call('analyze_metrics', { window: '10y' });
  expect(badWindow.isError).toBe(true);
  expect(resultText(badWindow)).toMatch(/^INVALID_REQUEST: .*window/);
  const badStart = await viewer.call('query_metrics', { promql: 'up', start: 'yesterday' });
  expect(resultText(badStart)).toMatch(/^INVALID_REQUEST: .*start/);
  // Prometheus itself refuses the PromQL; the analyst names the field.
  const badPromql = await viewer.call('query_metrics', { promql: 'sum(rate(' });
  expect(resultText(badPromql)).toMatch(/^INVALID_REQUEST: .*promql/);
  const unknown = await viewer.call('get_service_usage', { service: burner, replicas: 2 });
  expect(resultText(unknown)).toMatch(/^INVALID_REQUEST: .*replicas/);

  const refused = await scoped.call('query_metrics', { promql: 'up' });
  expect(refused.isError).toBe(true);
  expect(resultText(refused)).toMatch(/^FORBIDDEN: .*cannot be limited to stacks/);
  expect(resultText(await scoped.call('analyze_metrics', { stack: 'some-other-stack' }))).toMatch(
    /^FORBIDDEN: /,
  );
  const own = structured<AnalyzeData>(await scoped.call('analyze_metrics', { focus: 'cpu', window: '5m' }));
  for (const insight of own.insights.filter((i) => i.subject.startsWith('service '))) {
    expect(insight.subject, 'a scoped analysis names only services of its stack').toMatch(
      new RegExp(`^service ${stack}_`),
    );
  }
});

test('with Prometheus stopped every tool answers UNAVAILABLE, and every call was audited once', async () => {
  onTestFailed(() => void failures++);
  await env!.prometheus.stop();
  for (const [tool, args] of [
    ['analyze_metrics', { focus: 'cpu', stack, window: '5m' }],
    ['query_metrics', { promql: 'up' }],
    ['get_service_usage', { service: burner }],
  ] as const) {
    const result = await viewer.call(tool, args);
    expect(result.isError, tool).toBe(true);
    expect(resultText(result), tool).toMatch(/^UNAVAILABLE: .*Prometheus/);
  }
  // The exporter keeps working without Prometheus.
  const scrape = await fetch(`http://127.0.0.1:${env!.analyst.port}/metrics`);
  expect(await scrape.text()).toMatch(
    new RegExp(`^swarm_service_replicas_running\\{[^}]*service="${burner}"`, 'm'),
  );

  const rows = await auditRowsAfter(pg!.pool, auditBefore);
  expect(rows.length).toBe(viewer.calls + scoped.calls);
  const byTool = new Map<string, number>();
  for (const row of rows) byTool.set(row.tool, (byTool.get(row.tool) ?? 0) + 1);
  for (const tool of METRICS_TOOLS) expect(byTool.get(tool), tool).toBeGreaterThan(0);
  expect(rows).toContainEqual(
    expect.objectContaining({ tool: 'query_metrics', decision: 'denied', error_code: 'FORBIDDEN' }),
  );
  expect(rows.filter((r) => r.error_code === 'UNAVAILABLE')).toHaveLength(3);
});
