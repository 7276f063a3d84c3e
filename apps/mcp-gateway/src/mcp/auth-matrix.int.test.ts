import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployerRpc, InventoryRpc, ROLES_ASCENDING } from '@swarmops/contracts';
import type { Role } from '@swarmops/contracts';
import { ensureTestImage, withDockerCleanup } from '@swarmops/testkit';
import type { DockerTestScope } from '@swarmops/testkit';
import { createTokenStore } from '../auth/index.js';
import { startEnvironment } from '../testing/environment.js';
import type { TestEnvironment } from '../testing/environment.js';
import { auditRows } from '../testing/gateway-fixture.js';
import { freePort } from '../testing/private-nats.js';
import { TOOLS } from '../tools/index.js';

// Every tool x every caller kind, over HTTP: allowed or refused exactly as the role table says,
// and exactly one audit row per call. Two real stacks (one service each) make the scope visible.

type Expect = 'allowed' | 'unauthorized' | 'forbidden';
interface Caller {
  name: string;
  token: string | undefined;
  /** Expected decision per tool. */
  expect: (tool: string) => Expect;
}

let env: TestEnvironment;
let jwks: Server;
let signJwt: (claims: { aud: string; scope: string; exp?: number }) => Promise<string>;
let stackA: string;
let stackB: string;
let serviceA: string;
let serviceB: string;
let cleanupDone: Promise<void>;
let releaseDocker: () => void;

let deploymentA: string;
const BACKUP_ID = '20261127T224100Z-3f9a1c2b';
const COMPOSE = 'services:\n  web:\n    image: local/busybox:1\n';

const argsFor = (tool: string): Record<string, unknown> =>
  ({
    list_nodes: {},
    list_services: {},
    inspect_service: { service: serviceA },
    list_tasks: {},
    list_stacks: {},
    inspect_stack: { name: stackA },
    cluster_summary: {},
    get_audit_log: { limit: 5 },
    plan_stack: { name: stackA, compose: COMPOSE },
    deploy_stack: { name: stackA, compose: COMPOSE },
    scale_service: { service: serviceA, replicas: 1 },
    update_service_image: { service: serviceA, image: 'local/busybox:2' },
    rollback_service: { service: serviceA },
    rollback_stack: { name: stackA, version: 1 },
    remove_stack: { name: stackA, confirm: true },
    list_deployments: {},
    get_deployment: { id: deploymentA },
    execute_health_check: { scope: 'stack', target: stackA },
    get_health_report: {},
    list_health_history: {},
    diagnose_service: { service: serviceA },
    set_healing_policy: { checkId: 'service.update', mode: 'dry-run' },
    list_healing_actions: {},
    backup_configs: { stacks: [stackA] },
    list_backups: {},
    verify_backup: { backupId: BACKUP_ID, stacks: [stackA] },
    restore_backup: { backupId: BACKUP_ID, stacks: [stackA], confirm: true },
    analyze_metrics: { stack: stackA },
    query_metrics: { promql: 'up' },
    get_service_usage: { service: serviceA },
  })[tool] ?? {};

/** The role each tool needs (the README's table), written out rather than read from TOOLS. */
const ROLE_TABLE: Record<string, Role> = {
  list_nodes: 'viewer',
  list_services: 'viewer',
  inspect_service: 'viewer',
  list_tasks: 'viewer',
  list_stacks: 'viewer',
  inspect_stack: 'viewer',
  cluster_summary: 'viewer',
  get_audit_log: 'admin',
  plan_stack: 'viewer',
  deploy_stack: 'operator',
  scale_service: 'operator',
  update_service_image: 'operator',
  rollback_service: 'operator',
  rollback_stack: 'operator',
  remove_stack: 'admin',
  list_deployments: 'viewer',
  get_deployment: 'viewer',
  execute_health_check: 'operator',
  get_health_report: 'viewer',
  list_health_history: 'viewer',
  diagnose_service: 'viewer',
  set_healing_policy: 'admin',
  list_healing_actions: 'viewer',
  backup_configs: 'operator',
  list_backups: 'viewer',
  verify_backup: 'operator',
  restore_backup: 'admin',
  analyze_metrics: 'viewer',
  query_metrics: 'viewer',
  get_service_usage: 'viewer',
};

/** Tools no stack-scoped token may call, whatever its role: their reach cannot be limited to stacks. */
const UNSCOPABLE = new Set(['query_metrics']);

/** What a stack-scoped caller of `role` gets for each tool (the arguments stay within its stack). */
const asScopedRole =
  (role: Role) =>
  (tool: string): Expect =>
    UNSCOPABLE.has(tool) ? 'forbidden' : asRole(role)(tool);

/** What a caller of `role` gets for each tool. */
const asRole =
  (role: Role) =>
  (tool: string): Expect =>
    ROLES_ASCENDING.indexOf(role) >= ROLES_ASCENDING.indexOf(ROLE_TABLE[tool] ?? 'admin')
      ? 'allowed'
      : 'forbidden';

async function startJwks() {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const port = await freePort();
  jwks = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${port}`;
  signJwt = ({ aud, scope, exp }) =>
    new SignJWT({ scope, client_id: 'matrix-client' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience(aud)
      .setSubject('alice')
      .setIssuedAt()
      .setExpirationTime(exp ?? Math.floor(Date.now() / 1000) + 300)
      .sign(privateKey);
  return { MCP_OAUTH_ISSUER: issuer, MCP_OAUTH_JWKS_URI: `${issuer}/jwks` };
}

async function createStacks(scope: DockerTestScope): Promise<void> {
  const image = await ensureTestImage(scope.docker);
  stackA = scope.name('stka');
  stackB = scope.name('stkb');
  for (const [stack, assign] of [
    [stackA, (n: string) => (serviceA = n)],
    [stackB, (n: string) => (serviceB = n)],
  ] as const) {
    const name = assign(`${stack}_web`);
    await scope.docker.createService({
      Name: name,
      Labels: { ...scope.labels, 'com.docker.stack.namespace': stack },
      TaskTemplate: { ContainerSpec: { Image: image, Command: ['sleep', '3600'] } },
      Mode: { Replicated: { Replicas: 0 } },
    });
  }
}

beforeAll(async () => {
  const oauth = await startJwks();
  env = await startEnvironment({ ...oauth, MCP_RATE_LIMIT_PER_SECOND: '1000', MCP_RATE_LIMIT_BURST: '1000' });
  // Hold the Docker scope open for the whole file; afterAll releases it and waits for the cleanup.
  let ready!: () => void;
  const created = new Promise<void>((resolve) => (ready = resolve));
  cleanupDone = withDockerCleanup(env.docker, async (scope) => {
    await createStacks(scope);
    ready();
    await new Promise<void>((resolve) => (releaseDocker = resolve));
  });
  await Promise.race([created, cleanupDone]);
  const admin = await env.gateway.token({ role: 'admin' });
  const started = await callTool(admin, 'deploy_stack', { name: stackA, compose: COMPOSE, wait: false });
  deploymentA = (started.result?.structuredContent as unknown as { deploymentId: string }).deploymentId;
  // get_health_report without an id reads the newest cluster-wide report, as the periodic runner leaves it.
  await env.health.runInterval();
});

afterAll(async () => {
  releaseDocker?.();
  await cleanupDone;
  await env?.close();
  await new Promise<void>((resolve) => (jwks ? jwks.close(() => resolve()) : resolve()));
});

async function callTool(token: string | undefined, tool: string, args: Record<string, unknown>) {
  const response = await fetch(env.gateway.mcpUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': '2025-11-25',
      ...(token === undefined ? {} : { Authorization: `Bearer ${token}` }),
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
  const body = JSON.parse(json) as {
    result?: {
      isError?: boolean;
      content: { text: string }[];
      structuredContent?: { items?: { stack?: string; name?: string }[]; deploymentId?: string };
    };
  };
  return { status: response.status, result: body.result };
}

function outcomeOf(call: Awaited<ReturnType<typeof callTool>>): Expect | 'error' {
  if (call.status === 401) return 'unauthorized';
  if (call.result?.isError && call.result.content[0]?.text.startsWith('FORBIDDEN')) return 'forbidden';
  if (call.result?.isError && call.result.content[0]?.text.startsWith('UNAUTHORIZED')) return 'unauthorized';
  return call.result?.isError ? 'error' : 'allowed';
}

describe('auth matrix: every tool x every caller', () => {
  it('allows and refuses exactly per the role table, one audit row per call', async () => {
    expect(Object.keys(ROLE_TABLE).sort()).toEqual(TOOLS.map((t) => t.name).sort());
    const g = env.gateway;
    const past = createTokenStore(env.pg.pool, { now: () => new Date(Date.now() - 3 * 86_400_000) });
    const expired = (await past.create({ name: 'expired', role: 'admin', expiresIn: '1d' })).token;
    const revoked = await g.token({ role: 'admin', name: 'revoked' });
    await g.tokens.revoke(revoked.split('_').slice(0, 2).join('_'));
    const callers: Caller[] = [
      { name: 'viewer', token: await g.token({ role: 'viewer' }), expect: asRole('viewer') },
      { name: 'operator', token: await g.token({ role: 'operator' }), expect: asRole('operator') },
      { name: 'admin', token: await g.token({ role: 'admin' }), expect: asRole('admin') },
      { name: 'none', token: undefined, expect: () => 'unauthorized' },
      { name: 'expired', token: expired, expect: () => 'unauthorized' },
      { name: 'revoked', token: revoked, expect: () => 'unauthorized' },
      {
        name: 'jwt for another audience',
        token: await signJwt({ aud: 'https://elsewhere.example/mcp', scope: 'swarmops:admin' }),
        expect: () => 'unauthorized',
      },
      {
        name: 'jwt for this server (read scope)',
        token: await signJwt({ aud: g.mcpUrl, scope: 'swarmops:read' }),
        expect: asRole('viewer'),
      },
      {
        name: 'stack-scoped viewer',
        token: await g.token({ role: 'viewer', stacks: [stackA] }),
        expect: asScopedRole('viewer'),
      },
      {
        name: 'stack-scoped operator',
        token: await g.token({ role: 'operator', stacks: [stackA] }),
        expect: asScopedRole('operator'),
      },
    ];
    const table: string[] = [];
    for (const caller of callers) {
      for (const tool of TOOLS.map((t) => t.name)) {
        const before = (await auditRows(env.pg.pool)).length;
        const call = await callTool(caller.token, tool, argsFor(tool));
        const rows = (await auditRows(env.pg.pool)).slice(before);
        const got = outcomeOf(call);
        table.push(`${caller.name} ${tool} ${got}`);
        expect(got, `${caller.name} -> ${tool}`).toBe(caller.expect(tool));
        expect(rows, `${caller.name} -> ${tool} audit rows`).toHaveLength(1);
        expect(rows[0]).toMatchObject({ tool, decision: got === 'allowed' ? 'allowed' : 'denied' });
        if (got === 'unauthorized')
          expect(rows[0]).toMatchObject({ principal: 'anonymous', error_code: 'UNAUTHORIZED' });
      }
    }
    expect(table).toHaveLength(callers.length * TOOLS.length);
  });

  it('shows a stack-scoped token only its stacks and refuses the others by name', async () => {
    const scoped = await env.gateway.token({ role: 'viewer', stacks: [stackA] });
    const before = env.responder.total();
    const services = await callTool(scoped, 'list_services', {});
    const names = (services.result?.structuredContent?.items ?? []).map((s) => s.name);
    expect(names).toContain(serviceA);
    expect(names).not.toContain(serviceB);
    const stacks = await callTool(scoped, 'list_stacks', {});
    expect((stacks.result?.structuredContent?.items ?? []).map((s) => s.name)).toEqual([stackA]);
    expect(outcomeOf(await callTool(scoped, 'inspect_stack', { name: stackB }))).toBe('forbidden');
    expect(outcomeOf(await callTool(scoped, 'list_services', { stack: stackB }))).toBe('forbidden');
    expect(outcomeOf(await callTool(scoped, 'inspect_service', { service: serviceB }))).toBe('forbidden');
    expect(outcomeOf(await callTool(scoped, 'inspect_service', { service: serviceA }))).toBe('allowed');
    // Refusals by stack name leave before any request: only the list calls and the two inspect_service reads went out.
    expect(env.responder.total() - before).toBe(4);
  });

  it('refuses a stack-scoped caller every deployer call on another stack before the deployer hears of it', async () => {
    const operator = await env.gateway.token({ role: 'operator', stacks: [stackA] });
    const admin = await env.gateway.token({ role: 'admin', stacks: [stackA] });
    const unscoped = await env.gateway.token({ role: 'admin' });
    const inB = await callTool(unscoped, 'deploy_stack', { name: stackB, compose: COMPOSE, wait: false });
    const deploymentB = inB.result?.structuredContent?.deploymentId;
    const deployerBefore = env.deployer.total();
    const lookupsBefore = env.responder.count(InventoryRpc.servicesGet.subject);
    const refused: [string, string, Record<string, unknown>][] = [
      [operator, 'deploy_stack', { name: stackB, compose: COMPOSE }],
      [operator, 'plan_stack', { name: stackB, compose: COMPOSE }],
      [operator, 'rollback_stack', { name: stackB, version: 1 }],
      [admin, 'remove_stack', { name: stackB, confirm: true }],
      [operator, 'list_deployments', { stack: stackB }],
      // The service names no stack: its stack is looked up in inventory first.
      [operator, 'scale_service', { service: serviceB, replicas: 0, confirm: true }],
      [operator, 'update_service_image', { service: serviceB, image: 'local/busybox:2' }],
      [operator, 'rollback_service', { service: serviceB }],
    ];
    for (const [token, tool, args] of refused) {
      const before = (await auditRows(env.pg.pool)).length;
      const call = await callTool(token, tool, args);
      expect(outcomeOf(call), `${tool} ${JSON.stringify(args)}`).toBe('forbidden');
      const rows = (await auditRows(env.pg.pool)).slice(before);
      expect(rows, tool).toEqual([
        expect.objectContaining({ tool, decision: 'denied', error_code: 'FORBIDDEN' }),
      ]);
    }
    expect(env.deployer.total() - deployerBefore).toBe(0);
    expect(env.responder.count(InventoryRpc.servicesGet.subject) - lookupsBefore).toBe(3);
    // A deployment of the other stack is known only after reading it, and then refused.
    expect(outcomeOf(await callTool(operator, 'get_deployment', { id: deploymentB }))).toBe('forbidden');
    const mine = await callTool(operator, 'list_deployments', {});
    const stacks = (mine.result?.structuredContent?.items ?? []).map((d) => d.stack);
    expect(stacks.length).toBeGreaterThan(0);
    expect(new Set(stacks)).toEqual(new Set([stackA]));
    // The same service tools on the caller's own stack go through.
    expect(outcomeOf(await callTool(operator, 'scale_service', { service: serviceA, replicas: 2 }))).toBe(
      'allowed',
    );
    expect(env.deployer.requests(DeployerRpc.serviceScale.subject).at(-1)).toMatchObject({
      service: serviceA,
      replicas: 2,
    });
  });
});
