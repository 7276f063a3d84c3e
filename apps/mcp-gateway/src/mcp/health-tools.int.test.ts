import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthRpc, InventoryRpc } from '@swarmops/contracts';
import { ensureTestImage, withDockerCleanup } from '@swarmops/testkit';
import type { DockerTestScope } from '@swarmops/testkit';
import { startEnvironment } from '../testing/environment.js';
import type { TestEnvironment } from '../testing/environment.js';
import { auditRows } from '../testing/gateway-fixture.js';

// The health tools through the real MCP server over HTTP, against a HealthRpc stand-in on a real
// nats-server and an inventory answering from the real Docker engine (two real stacks, one service
// each): published schemas, stack scope (refused before the request, or narrowed results),
// confirmation of turning a healing policy on, and one audit row per call.

let env: TestEnvironment;
let stackA: string;
let stackB: string;
let serviceA: string;
let serviceB: string;
let cleanupDone: Promise<void>;
let releaseDocker: () => void;
let admin: string;

async function createStacks(scope: DockerTestScope): Promise<void> {
  const image = await ensureTestImage(scope.docker);
  stackA = scope.name('hlta');
  stackB = scope.name('hltb');
  serviceA = `${stackA}_web`;
  serviceB = `${stackB}_web`;
  for (const [stack, name] of [
    [stackA, serviceA],
    [stackB, serviceB],
  ]) {
    await scope.docker.createService({
      Name: name,
      Labels: { ...scope.labels, 'com.docker.stack.namespace': stack! },
      TaskTemplate: { ContainerSpec: { Image: image, Command: ['sleep', '3600'] } },
      Mode: { Replicated: { Replicas: 0 } },
    });
  }
}

beforeAll(async () => {
  env = await startEnvironment({ MCP_RATE_LIMIT_PER_SECOND: '1000', MCP_RATE_LIMIT_BURST: '1000' });
  let ready!: () => void;
  const created = new Promise<void>((resolve) => (ready = resolve));
  cleanupDone = withDockerCleanup(env.docker, async (scope) => {
    await createStacks(scope);
    ready();
    await new Promise<void>((resolve) => (releaseDocker = resolve));
  });
  await Promise.race([created, cleanupDone]);
  admin = await env.gateway.token({ role: 'admin' });
});

afterAll(async () => {
  releaseDocker?.();
  await cleanupDone;
  await env?.close();
});

interface CallResult {
  isError?: boolean;
  content: { text: string }[];
  structuredContent?: Record<string, unknown>;
}

/** One tools/call over raw HTTP (2025-11-25, no elicitation), with the audit rows it added. */
async function call(token: string, tool: string, args: Record<string, unknown>) {
  const before = (await auditRows(env.pg.pool)).length;
  const response = await fetch(env.gateway.mcpUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': '2025-11-25',
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: tool, arguments: args },
    }),
  });
  const text = await response.text();
  const json = text.startsWith('{') ? text : (/^data: (.*)$/m.exec(text)?.[1] ?? '{}');
  const result = (JSON.parse(json) as { result: CallResult }).result;
  const rows = (await auditRows(env.pg.pool)).slice(before);
  expect(rows, `${tool} audit rows`).toHaveLength(1);
  return { result, text: result.content[0]?.text ?? '', row: rows[0]! };
}

const checksOf = (r: CallResult) => (r.structuredContent?.checks ?? []) as { id: string; subject: string }[];

describe('health tools over MCP', () => {
  it('publishes the six health tools, execute_health_check with exactly its fixed fields', async () => {
    const client = new Client({ name: 'health-tools-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(env.gateway.mcpUrl), {
        requestInit: { headers: { Authorization: `Bearer ${admin}` } },
      }),
    );
    try {
      const { tools } = await client.listTools();
      const byName = new Map(tools.map((t) => [t.name, t]));
      const props = (schema: unknown) => Object.keys((schema as { properties: object }).properties).sort();
      const run = byName.get('execute_health_check');
      expect(props(run?.inputSchema)).toEqual(['scope', 'target']);
      const input = run?.inputSchema as unknown as {
        properties: { scope: { enum: string[]; default: string } };
      };
      expect(input.properties.scope.enum).toEqual(['cluster', 'node', 'service', 'stack']);
      expect(input.properties.scope.default).toBe('cluster');
      const output = run?.outputSchema as unknown as {
        properties: { status: { enum: string[] }; checks: { items: unknown } };
        required: string[];
      };
      expect(output.required).toEqual(expect.arrayContaining(['status', 'checkedAt', 'checks']));
      expect(output.properties.status.enum).toEqual(['healthy', 'degraded', 'unhealthy']);
      expect(props(output.properties.checks.items)).toEqual(
        ['evidence', 'fix', 'id', 'message', 'severity', 'status', 'subject'].sort(),
      );
      expect(props(byName.get('get_health_report')?.inputSchema)).toEqual(['reportId']);
      expect(props(byName.get('list_health_history')?.inputSchema)).toEqual(
        ['checkId', 'cursor', 'limit', 'since', 'status'].sort(),
      );
      expect(props(byName.get('list_health_history')?.outputSchema)).toEqual(['items', 'nextCursor']);
      expect(props(byName.get('diagnose_service')?.inputSchema)).toEqual(['service']);
      expect(props(byName.get('set_healing_policy')?.inputSchema)).toEqual(
        ['afterMinutes', 'checkId', 'confirm', 'maxPerHour', 'mode', 'stacks'].sort(),
      );
      expect(props(byName.get('list_healing_actions')?.outputSchema)).toEqual([
        'items',
        'nextCursor',
        'policies',
      ]);
      for (const name of [
        'get_health_report',
        'list_health_history',
        'diagnose_service',
        'list_healing_actions',
      ])
        expect(byName.get(name)?.annotations, name).toMatchObject({
          readOnlyHint: true,
          destructiveHint: false,
        });
      expect(byName.get('execute_health_check')?.annotations).toMatchObject({ destructiveHint: false });
      expect(byName.get('set_healing_policy')?.annotations).toMatchObject({ destructiveHint: true });
      expect(byName.get('set_healing_policy')?._meta).toMatchObject({ 'swarmops/requiredRole': 'admin' });
      expect(byName.get('execute_health_check')?._meta).toMatchObject({
        'swarmops/requiredRole': 'operator',
      });
    } finally {
      await client.close();
    }
  });

  it('runs a check with the arguments unchanged and refuses a bad pair by field, before any request', async () => {
    const operator = await env.gateway.token({ role: 'operator' });
    const cluster = await call(operator, 'execute_health_check', {});
    expect(cluster.result.isError).toBeFalsy();
    expect(cluster.result.structuredContent).toMatchObject({ status: 'degraded', scope: 'cluster' });
    expect(cluster.text).toMatch(/^degraded: cluster, 1 ok \/ 0 warn \/ 1 fail \(report /);
    expect(cluster.text).toContain('- FAIL high node.status node:w9: node w9 is down');
    expect(env.health.requests(HealthRpc.checkRun.subject).at(-1)).toEqual({ scope: 'cluster' });
    const sent = env.health.total();
    const bad = await call(operator, 'execute_health_check', { scope: 'service' });
    expect(bad.text).toMatch(/^INVALID_REQUEST: .*target/);
    const extra = await call(operator, 'execute_health_check', { scope: 'cluster', target: 'x' });
    expect(extra.text).toMatch(/^INVALID_REQUEST: .*target/);
    const unknown = await call(operator, 'execute_health_check', { verbose: true });
    expect(unknown.text).toMatch(/^INVALID_REQUEST: .*verbose/);
    expect(env.health.total()).toBe(sent);
    expect([bad.row, extra.row, unknown.row].map((r) => r.error_code)).toEqual([
      'INVALID_REQUEST',
      'INVALID_REQUEST',
      'INVALID_REQUEST',
    ]);
  });

  it('lets a stack-scoped operator run checks of its stacks only, refused ones never reaching health', async () => {
    const scoped = await env.gateway.token({ role: 'operator', stacks: [stackA] });
    const sent = env.health.total();
    const lookups = env.responder.count(InventoryRpc.servicesGet.subject);
    for (const args of [
      {},
      { scope: 'node', target: 'anything' },
      { scope: 'stack', target: stackB },
      { scope: 'service', target: serviceB },
    ]) {
      const refused = await call(scoped, 'execute_health_check', args);
      expect(refused.text, JSON.stringify(args)).toMatch(/^FORBIDDEN: /);
      expect(refused.row).toMatchObject({ decision: 'denied', error_code: 'FORBIDDEN' });
    }
    expect(env.health.total()).toBe(sent);
    // Only the service target needed its stack looked up.
    expect(env.responder.count(InventoryRpc.servicesGet.subject) - lookups).toBe(1);
    const stack = await call(scoped, 'execute_health_check', { scope: 'stack', target: stackA });
    expect(stack.result.structuredContent).toMatchObject({ scope: 'stack', target: stackA });
    const service = await call(scoped, 'execute_health_check', { scope: 'service', target: serviceA });
    expect(checksOf(service.result).map((c) => c.subject)).toContain(`service:${serviceA}`);
    expect(service.row).toMatchObject({ decision: 'allowed', outcome: 'ok' });
  });

  it('narrows reports and history to the stacks of a scoped viewer', async () => {
    const cluster = await env.health.runInterval();
    const other = await env.health.runInterval('stack', stackB);
    const mine = await env.health.runInterval('service', serviceA);
    await env.health.runInterval();
    const scoped = await env.gateway.token({ role: 'viewer', stacks: [stackA] });
    const viewer = await env.gateway.token({ role: 'viewer' });

    const newestAll = await call(viewer, 'get_health_report', {});
    expect(checksOf(newestAll.result).map((c) => c.subject)).toContain('node:w9');
    const newestScoped = await call(scoped, 'get_health_report', {});
    expect(newestScoped.result.structuredContent).toMatchObject({
      status: 'healthy',
      narrowedTo: [stackA],
      counts: { ok: 0, warn: 0, fail: 0 },
      checks: [],
    });
    expect(newestScoped.text).toContain(`Narrowed to the stacks ${stackA}`);
    expect(
      (await call(scoped, 'get_health_report', { reportId: cluster.reportId })).result.isError,
    ).toBeFalsy();
    const byId = await call(scoped, 'get_health_report', { reportId: mine.reportId });
    expect(byId.result.structuredContent).toMatchObject({ reportId: mine.reportId, status: 'degraded' });
    expect(byId.result.structuredContent?.narrowedTo).toBeUndefined();
    const refused = await call(scoped, 'get_health_report', { reportId: other.reportId });
    expect(refused.text).toMatch(/^FORBIDDEN: /);
    expect(refused.row).toMatchObject({ decision: 'denied' });

    const all = await call(viewer, 'list_health_history', { limit: 100 });
    const allIds = (all.result.structuredContent?.items as { reportId: string }[]).map((r) => r.reportId);
    expect(allIds).toEqual(expect.arrayContaining([cluster.reportId, other.reportId, mine.reportId]));
    const history = await call(scoped, 'list_health_history', {});
    const items = history.result.structuredContent?.items as { scope: string; target: string }[];
    expect(items.map((r) => r.target)).toContain(serviceA);
    for (const r of items) expect([stackA, serviceA], JSON.stringify(r)).toContain(r.target);
    expect(env.health.requests(HealthRpc.reportsList.subject).at(-1)).toMatchObject({ limit: 20 });
    expect((await call(viewer, 'list_health_history', { limit: 101 })).text).toMatch(
      /^INVALID_REQUEST: .*limit/,
    );
  });

  it('diagnoses a service of the caller stacks and refuses another stack before asking health', async () => {
    const scoped = await env.gateway.token({ role: 'viewer', stacks: [stackA] });
    const sent = env.health.requests(HealthRpc.serviceDiagnose.subject).length;
    const refused = await call(scoped, 'diagnose_service', { service: serviceB });
    expect(refused.text).toMatch(/^FORBIDDEN: /);
    expect(env.health.requests(HealthRpc.serviceDiagnose.subject)).toHaveLength(sent);
    const ok = await call(scoped, 'diagnose_service', { service: serviceA });
    expect(ok.result.structuredContent).toMatchObject({ service: serviceA, stack: stackA });
    expect(ok.text).toContain('task errors:');
    expect(ok.text).toContain('1. fix the command');
  });

  it('sets healing policies: admin only, cluster-wide, turning one on only when confirmed', async () => {
    const operator = await env.gateway.token({ role: 'operator' });
    const scopedAdmin = await env.gateway.token({ role: 'admin', stacks: [stackA] });
    const adminId = `token:${admin.split('_').slice(0, 2).join('_')}`;
    const sent = env.health.requests(HealthRpc.policySet.subject).length;
    expect(
      (await call(operator, 'set_healing_policy', { checkId: 'service.update', mode: 'dry-run' })).text,
    ).toMatch(/^FORBIDDEN: /);
    const scoped = await call(scopedAdmin, 'set_healing_policy', {
      checkId: 'service.update',
      mode: 'dry-run',
    });
    expect(scoped.text).toMatch(/^FORBIDDEN: a healing policy covers the whole cluster/);
    const unconfirmed = await call(admin, 'set_healing_policy', {
      checkId: 'service.healthcheck',
      mode: 'on',
    });
    expect(unconfirmed.text).toMatch(/^INVALID_REQUEST: invalid field `confirm`/);
    expect(unconfirmed.text).toContain('Turn self-healing on for service.healthcheck?');
    expect(unconfirmed.row).toMatchObject({ decision: 'denied' });
    expect(env.health.requests(HealthRpc.policySet.subject)).toHaveLength(sent);

    const dryRun = await call(admin, 'set_healing_policy', {
      checkId: 'service.update',
      mode: 'dry-run',
      stacks: [stackA],
    });
    expect(dryRun.result.structuredContent).toMatchObject({
      mode: 'dry-run',
      action: 'force-update',
      stacks: [stackA],
    });
    expect(dryRun.text).toContain(`per hour, stacks ${stackA};`);
    const on = await call(admin, 'set_healing_policy', {
      checkId: 'service.healthcheck',
      mode: 'on',
      afterMinutes: 2,
      confirm: true,
    });
    expect(on.result.structuredContent).toMatchObject({
      mode: 'on',
      action: 'restart-service',
      afterMinutes: 2,
    });
    expect(on.text).toMatch(/^service\.healthcheck: on \(restart-service, after 2 min/);
    // `confirm` stays in the gateway; the principal (never a token) is who asked.
    expect(env.health.requests(HealthRpc.policySet.subject).slice(sent)).toEqual([
      { checkId: 'service.update', mode: 'dry-run', stacks: [stackA], requestedBy: adminId },
      { checkId: 'service.healthcheck', mode: 'on', afterMinutes: 2, requestedBy: adminId },
    ]);
  });

  it('asks a client that can elicit before turning a policy on, and sends nothing when declined', async () => {
    for (const [answer, expected] of [
      [{ action: 'decline' }, 'declined'],
      [{ action: 'accept', content: { confirm: true } }, 'on'],
    ] as const) {
      const client = new Client(
        { name: 'health-elicit-test', version: '1.0.0' },
        { versionNegotiation: { mode: { pin: '2026-07-28' } }, capabilities: { elicitation: { form: {} } } },
      );
      const asked: string[] = [];
      client.setRequestHandler('elicitation/create', (req) => {
        asked.push(req.params.message);
        return answer;
      });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(env.gateway.mcpUrl), {
          requestInit: { headers: { Authorization: `Bearer ${admin}` } },
        }),
      );
      try {
        const sent = env.health.requests(HealthRpc.policySet.subject).length;
        const result = await client.callTool({
          name: 'set_healing_policy',
          arguments: { checkId: 'node.flapping', mode: 'on' },
        });
        expect(asked).toEqual([expect.stringContaining('Turn self-healing on for node.flapping?')]);
        const text = (result.content as { text: string }[])[0]?.text ?? '';
        if (expected === 'declined') {
          expect(text).toMatch(/^FORBIDDEN: the user declined/);
          expect(env.health.requests(HealthRpc.policySet.subject)).toHaveLength(sent);
        } else {
          expect(result.structuredContent).toMatchObject({ checkId: 'node.flapping', mode: 'on' });
        }
      } finally {
        await client.close();
      }
    }
  });

  it('lists healing actions with the policies, a scoped viewer seeing only its services', async () => {
    env.health.addHealing({ checkId: 'service.update', subject: `service:${serviceA}`, outcome: 'executed' });
    env.health.addHealing({ checkId: 'service.update', subject: `service:${serviceB}`, outcome: 'planned' });
    env.health.addHealing({ checkId: 'node.flapping', subject: 'node:w9', outcome: 'refused' });
    const viewer = await env.gateway.token({ role: 'viewer' });
    const scoped = await env.gateway.token({ role: 'viewer', stacks: [stackA] });
    const all = await call(viewer, 'list_healing_actions', {});
    const subjects = (r: CallResult) =>
      (r.structuredContent?.items as { subject: string }[]).map((i) => i.subject);
    expect(subjects(all.result)).toEqual(['node:w9', `service:${serviceB}`, `service:${serviceA}`]);
    expect((all.result.structuredContent?.policies as unknown[]).length).toBeGreaterThan(0);
    expect(all.text).toMatch(/^Policies: .*service\.update dry-run/);
    const mine = await call(scoped, 'list_healing_actions', { checkId: 'service.update' });
    expect(subjects(mine.result)).toEqual([`service:${serviceA}`]);
    expect(env.health.requests(HealthRpc.healingList.subject).at(-1)).toEqual({
      checkId: 'service.update',
      limit: 50,
    });
  });
});
