import { createTokenStore } from '@swarmops/auth';
import {
  ensureTestImage,
  pgFixture,
  removeLabeled,
  requireDocker,
  TEST_LABEL,
  uniqueName,
} from '@swarmops/testkit';
import type { PgFixture } from '@swarmops/testkit';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, auditRowsAfter } from '../fixtures/gateway/audit.js';
import { engineNodes } from '../fixtures/gateway/engine-nodes.js';
import { startGateway } from '../fixtures/gateway/gateway-process.js';
import type { GatewayProcess } from '../fixtures/gateway/gateway-process.js';
import { connectHttp, connectStdio, resultText } from '../fixtures/gateway/mcp-clients.js';
import type { McpSession, ToolResult } from '../fixtures/gateway/mcp-clients.js';
import { startPrivateNats } from '@swarmops/testkit';
import type { PrivateNats } from '@swarmops/testkit';
import { createServiceCli, dockerCli } from '../fixtures/inventory/docker-cli.js';
import { startInventory } from '../fixtures/inventory/inventory-process.js';
import type { InventoryProcess } from '../fixtures/inventory/inventory-process.js';
import { pollUntil } from '../fixtures/inventory/poll.js';

// Acceptance of #4 with the real services: the official MCP client -> mcp-gateway (child process)
// -> a private NATS -> inventory (child process) -> PostgreSQL, and the real Docker engine behind it.

// Every tool the gateway serves (the deployer's tools are exercised in gateway-deployer.test.ts).
const TOOL_NAMES = [
  'analyze_metrics',
  'backup_configs',
  'cluster_summary',
  'deploy_stack',
  'diagnose_service',
  'execute_health_check',
  'get_audit_log',
  'get_deployment',
  'get_health_report',
  'get_service_usage',
  'inspect_service',
  'inspect_stack',
  'list_backups',
  'list_deployments',
  'list_healing_actions',
  'list_health_history',
  'list_nodes',
  'list_services',
  'list_stacks',
  'list_tasks',
  'plan_stack',
  'query_metrics',
  'remove_stack',
  'restore_backup',
  'rollback_service',
  'rollback_stack',
  'scale_service',
  'set_healing_policy',
  'update_service_image',
  'verify_backup',
];

let docker: Docker;
let image: string;
let nats: PrivateNats;
let pg: PgFixture;
let inventory: InventoryProcess;
let gateway: GatewayProcess;
let adminToken: string;
let viewerToken: string;
const timings: Record<string, number> = {};

async function timed<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    timings[what] = Math.round(performance.now() - started);
  }
}

beforeAll(async () => {
  docker = await requireDocker();
  image = await ensureTestImage(docker);
  await timed('start nats + database', async () => {
    nats = await startPrivateNats();
    pg = await pgFixture();
  });
  await timed('start inventory (first reconcile)', async () => {
    inventory = await startInventory({ databaseUrl: pg.url, env: { NATS_URL: nats.url } });
    await inventory.ready();
  });
  await timed('start gateway', async () => {
    gateway = await startGateway({ natsUrl: nats.url, databaseUrl: pg.url });
  });
  const tokens = createTokenStore(pg.pool);
  adminToken = (await tokens.create({ name: 'e2e-admin', role: 'admin', createdBy: 'e2e' })).token;
  viewerToken = (await tokens.create({ name: 'e2e-viewer', role: 'viewer', createdBy: 'e2e' })).token;
  await tokens.flush();
});

afterAll(async () => {
  const failures: unknown[] = [];
  const attempt = async (fn: (() => Promise<unknown>) | undefined) => {
    try {
      await fn?.();
    } catch (err) {
      failures.push(err);
    }
  };
  await attempt(gateway && (() => gateway.stop()));
  await attempt(inventory && (() => inventory.stop()));
  await attempt(nats && (() => nats.stop()));
  await attempt(pg && (() => pg.cleanup()));
  console.log(`gateway-inventory timings (ms): ${JSON.stringify(timings)}`);
  if (failures.length > 0) throw new AggregateError(failures, 'cleanup failed');
});

/** The structured result of a successful call; fails with the tool's text otherwise. */
function structured<T>(result: ToolResult): T {
  expect(result.isError, resultText(result)).toBeFalsy();
  return result.structuredContent as T;
}

/** Every page of a list tool. */
async function listAll<T>(session: McpSession, tool: string, args: Record<string, unknown> = {}) {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = structured(
      await session.call(tool, { ...args, ...(cursor === null ? {} : { cursor }) }),
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

/** Asserts list_nodes' items equal the engine's nodes, field by field. */
async function expectEveryEngineNode(items: Record<string, unknown>[]) {
  const expected = await engineNodes(docker);
  const got = items
    .map(({ id, hostname, ipAddress, role, status, availability, resources }) => ({
      id,
      hostname,
      ipAddress,
      role,
      status,
      availability,
      resources,
    }))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  expect(got).toEqual(expected);
  expect(expected.some((n) => n.role === 'manager' && n.status === 'ready')).toBe(true);
  for (const n of expected) {
    expect(n.hostname).not.toBe('');
    expect(n.ipAddress).toMatch(/^[0-9a-f.:]+$/i);
    expect(n.resources.cpus).toBeGreaterThan(0);
    expect(n.resources.memoryBytes).toBeGreaterThan(0);
  }
}

/** Asserts the calls of `session` since `before` left exactly one audit row each, of these tools. */
async function expectOneAuditRowPerCall(before: number, session: McpSession, tools: string[]) {
  expect(await auditCount(pg.pool)).toBe(before + session.calls);
  const rows = await auditRowsAfter(pg.pool, before);
  expect(rows.map((r) => r.tool)).toEqual(tools);
  return rows;
}

describe('mcp-gateway in front of the real inventory', () => {
  it('over HTTP, lists the tools and returns every engine node from inventory', async () => {
    const before = await auditCount(pg.pool);
    const http = await connectHttp(gateway.mcpUrl, adminToken);
    try {
      const { tools } = await timed('http listTools', () => http.client.listTools());
      expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
      for (const tool of tools) expect(tool.inputSchema.type).toBe('object');

      const items = await timed('http list_nodes', () =>
        listAll<Record<string, unknown>>(http, 'list_nodes'),
      );
      await expectEveryEngineNode(items);
      // The answer came from inventory's tables in this test's database (nothing else is on this NATS).
      const { rows } = await pg.pool.query<{ id: string }>(
        'SELECT node_id AS id FROM nodes ORDER BY node_id',
      );
      expect(rows.map((r) => r.id)).toEqual(items.map((n) => String(n.id)).sort());

      const rowsAudited = await expectOneAuditRowPerCall(
        before,
        http,
        Array.from({ length: http.calls }, () => 'list_nodes'),
      );
      expect(rowsAudited.every((r) => r.decision === 'allowed' && r.outcome === 'ok')).toBe(true);
    } finally {
      await http.close();
    }
  });

  it('shows a CLI-created service in list_services and inspect_service, and drops it once removed', async () => {
    const name = uniqueName('gw-e2e');
    const scope = uniqueName('gw-e2e');
    const before = await auditCount(pg.pool);
    const http = await connectHttp(gateway.mcpUrl, adminToken);
    const listed = async () => {
      const { items } = structured<{ items: { id: string; name: string }[] }>(
        await http.call('list_services', { name }),
      );
      return items.find((s) => s.name === name);
    };
    try {
      const id = (
        await createServiceCli(name, image, { replicas: 1, labels: { [TEST_LABEL]: scope } })
      ).trim();
      const service = await timed('service create -> list_services', () =>
        pollUntil(`${name} in list_services`, listed, { maxMs: 30_000, everyMs: 200 }),
      );
      expect(service.id).toBe(id);

      const detail = structured<{
        service: { id: string; name: string; image: string };
        spec: {
          Name?: string;
          Labels?: Record<string, string>;
          Mode?: { Replicated?: { Replicas?: number } };
          TaskTemplate?: { ContainerSpec?: { Image?: string; Args?: string[]; Init?: boolean } };
        };
      }>(await http.call('inspect_service', { service: name }));
      expect(detail.service).toMatchObject({ id, name, image });
      expect(detail.spec.Name).toBe(name);
      expect(detail.spec.Labels?.[TEST_LABEL]).toBe(scope);
      expect(detail.spec.Mode?.Replicated?.Replicas).toBe(1);
      expect(detail.spec.TaskTemplate?.ContainerSpec).toMatchObject({
        Image: image,
        Args: ['sleep', '3600'],
        Init: true,
      });

      await dockerCli('service', 'rm', name);
      await timed('service rm -> gone from list_services', () =>
        pollUntil(`${name} gone from list_services`, async () => ((await listed()) ? undefined : true), {
          maxMs: 30_000,
          everyMs: 200,
        }),
      );
      const gone = await http.call('inspect_service', { service: name });
      expect(gone.isError).toBe(true);
      expect(resultText(gone)).toMatch(/^NOT_FOUND/);

      const rows = await auditRowsAfter(pg.pool, before);
      expect(await auditCount(pg.pool)).toBe(before + http.calls);
      expect(rows.filter((r) => r.tool === 'inspect_service').map((r) => r.outcome)).toEqual(['ok', 'error']);
      console.log(`service ${name}: ${http.calls} tool calls, ${rows.length} audit rows`);
    } finally {
      await http.close();
      await removeLabeled(docker, scope);
    }
  });

  it('over stdio with a viewer token, lists nodes and refuses get_audit_log with FORBIDDEN', async () => {
    const before = await auditCount(pg.pool);
    const stdio = await timed('stdio spawn + initialize', () =>
      connectStdio({ token: viewerToken, natsUrl: nats.url, databaseUrl: pg.url }),
    );
    try {
      const { tools } = await stdio.client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);

      const page = structured<{ items: Record<string, unknown>[]; nextCursor: string | null }>(
        await timed('stdio list_nodes', () => stdio.call('list_nodes', { limit: 200 })),
      );
      expect(page.nextCursor).toBeNull();
      await expectEveryEngineNode(page.items);

      const refused = await stdio.call('get_audit_log', {});
      expect(refused.isError).toBe(true);
      expect(resultText(refused)).toMatch(/^FORBIDDEN/);

      const rows = await expectOneAuditRowPerCall(before, stdio, ['list_nodes', 'get_audit_log']);
      expect(rows.map((r) => [r.decision, r.outcome])).toEqual([
        ['allowed', 'ok'],
        ['denied', 'denied'],
      ]);
    } finally {
      await stdio.close();
    }
  });
});
