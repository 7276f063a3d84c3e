import { createTokenStore } from '@swarmops/auth';
import type {
  DeployStackData,
  Deployment,
  DeploymentSummary,
  Plan,
  RemoveStackData,
} from '@swarmops/contracts';
import {
  createTestDocker,
  ensureTestImage,
  pgFixture,
  requireDocker,
  startPrivateNats,
  TEST_LABEL,
  uniqueName,
} from '@swarmops/testkit';
import type { PgFixture, PrivateNats } from '@swarmops/testkit';
import { expect, it } from 'vitest';
import { startDeployer } from '../fixtures/deployer/deployer-process.js';
import type { DeployerProcess } from '../fixtures/deployer/deployer-process.js';
import { quietly } from '../fixtures/deployer/quietly.js';
import { removeStack, stackServiceNames } from '../fixtures/deployer/web-stack.js';
import { auditCount, auditRowsAfter } from '../fixtures/gateway/audit.js';
import { startGateway } from '../fixtures/gateway/gateway-process.js';
import type { GatewayProcess } from '../fixtures/gateway/gateway-process.js';
import { connectHttp, resultText } from '../fixtures/gateway/mcp-clients.js';
import type { McpSession, ToolResult } from '../fixtures/gateway/mcp-clients.js';
import { startInventory } from '../fixtures/inventory/inventory-process.js';
import type { InventoryProcess } from '../fixtures/inventory/inventory-process.js';
import { pollUntil } from '../fixtures/inventory/poll.js';

// Acceptance of #5 through the gateway: the official MCP client (Streamable HTTP, admin token) ->
// mcp-gateway (child process) -> NATS -> the real deployer (child process) -> the real Docker engine,
// with the real inventory (child process) answering the gateway's service look-ups, all on a fresh
// migrated database. The NATS server is private to this test: on the shared one the inventory and
// deployer started by `./swarmops up` (and other tests') would answer the same subjects from other
// databases.

/** Two small services that stop at once (`init: true`, short grace period). */
function twoServiceCompose(image: string, scope: string): string {
  const service = (name: string) => [
    `  ${name}:`,
    `    image: ${image}`,
    '    command: ["sleep", "3600"]',
    '    init: true',
    '    stop_grace_period: 1s',
    '    deploy:',
    '      replicas: 1',
    '      labels:',
    `        ${TEST_LABEL}: "${scope}"`,
  ];
  return ['services:', ...service('alpha'), ...service('beta'), ''].join('\n');
}

/** The structured result of a successful call; fails with the tool's text otherwise. */
function structured<T>(result: ToolResult): T {
  expect(result.isError, resultText(result)).toBeFalsy();
  return result.structuredContent as T;
}

it(
  'plans, deploys, scales, lists and removes a stack through MCP with the real deployer, one audit row per call',
  { timeout: 600_000 },
  async () => {
    await requireDocker();
    // Engine calls get 60 s: on a busy machine a service create or a network removal can take long.
    const docker = createTestDocker(undefined, 60_000);
    const image = await ensureTestImage(docker);
    const stack = uniqueName('e2e-gwdep');
    const compose = twoServiceCompose(image, stack);
    const timings: Record<string, number> = {};
    const timed = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      try {
        return await fn();
      } finally {
        timings[what] = Math.round(performance.now() - started);
      }
    };
    let nats: PrivateNats | undefined;
    let pg: PgFixture | undefined;
    let inventory: InventoryProcess | undefined;
    let deployer: DeployerProcess | undefined;
    let gateway: GatewayProcess | undefined;
    let http: McpSession | undefined;
    try {
      await timed('start nats + database', async () => {
        nats = await startPrivateNats();
        pg = await pgFixture();
      });
      const natsUrl = nats!.url;
      const db = pg!;
      // One after the other: on a loaded machine three node processes starting at once are slow to be ready.
      await timed('start inventory', async () => {
        inventory = await startInventory({ databaseUrl: db.url, env: { NATS_URL: natsUrl } });
        await inventory.ready(120_000);
      });
      await timed('start deployer', async () => {
        deployer = await startDeployer({ natsUrl, databaseUrl: db.url });
      });
      await timed('start gateway', async () => {
        gateway = await startGateway({ natsUrl, databaseUrl: db.url });
      });
      const tokens = createTokenStore(db.pool);
      const admin = await tokens.create({ name: 'e2e-gwdep-admin', role: 'admin', createdBy: 'e2e' });
      await tokens.flush();
      const auditBefore = await auditCount(db.pool);
      http = await connectHttp(gateway!.mcpUrl, admin.token);
      const client = http.client;

      // Every call goes through here, so the audit check below knows each one.
      const calls: string[] = [];
      const progressOf: Record<string, { progress: number; total?: number; message?: string }[]> = {};
      const call = async (name: string, args: Record<string, unknown>, label = name) => {
        calls.push(name);
        const seen: { progress: number; total?: number; message?: string }[] = [];
        progressOf[label] = seen;
        return timed(label, () =>
          client.callTool(
            { name, arguments: args },
            // Generous: a deploy on a loaded machine can take minutes; progress keeps it alive anyway.
            { onprogress: (p) => seen.push(p), timeout: 300_000, resetTimeoutOnProgress: true },
          ),
        );
      };

      // 1. plan_stack: two service creates (and the default network), nothing changed yet.
      const plan = structured<Plan>(await call('plan_stack', { name: stack, compose }));
      expect(plan.stack).toBe(stack);
      expect(plan.version).toBe(1);
      const serviceChanges = plan.changes.filter((c) => c.kind === 'service');
      expect(serviceChanges.map((c) => [c.fullName, c.action]).sort()).toEqual([
        [`${stack}_alpha`, 'create'],
        [`${stack}_beta`, 'create'],
      ]);
      expect(plan.summary.create).toBeGreaterThanOrEqual(2);
      expect(plan.summary.update + plan.summary.remove).toBe(0);
      expect(await stackServiceNames(docker, stack)).toEqual([]);

      // 2. deploy_stack with a progress token: succeeded, v1, every replica running, progress relayed.
      const deployed = structured<DeployStackData>(
        await call('deploy_stack', { name: stack, compose, timeoutSeconds: 240 }),
      );
      expect(deployed, JSON.stringify(deployed)).toMatchObject({ status: 'succeeded', stack, version: 1 });
      expect(deployed.services.map((s) => s.name).sort()).toEqual([`${stack}_alpha`, `${stack}_beta`]);
      for (const s of deployed.services) expect(s.replicas).toEqual({ desired: 1, running: 1 });
      const deployProgress = progressOf.deploy_stack ?? [];
      expect(deployProgress.length).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < deployProgress.length; i++) {
        expect(deployProgress[i]!.progress).toBeGreaterThan(deployProgress[i - 1]!.progress);
      }
      expect(await stackServiceNames(docker, stack)).toEqual([`${stack}_alpha`, `${stack}_beta`]);

      // scale_service resolves the service's stack through inventory: wait until inventory saw it.
      const scaled = `${stack}_beta`;
      await timed('inventory sees the service', () =>
        pollUntil(
          `${scaled} in inventory`,
          async () => {
            const { rows } = await db.pool.query('SELECT 1 FROM services WHERE name = $1', [scaled]);
            return rows.length > 0 ? true : undefined;
          },
          { maxMs: 120_000, everyMs: 250 },
        ),
      );

      // 3. scale_service to 2: converged, 2 of 2 running, and the engine agrees.
      const scale = structured<{
        service: string;
        replicas: { desired: number; running: number };
        converged: boolean;
        deploymentId?: string;
      }>(await call('scale_service', { service: scaled, replicas: 2, timeoutSeconds: 240 }));
      expect(scale, JSON.stringify(scale)).toMatchObject({
        service: scaled,
        replicas: { desired: 2, running: 2 },
        converged: true,
      });
      expect(scale.deploymentId).toBeDefined();
      const [engine] = await docker.listServices({ filters: JSON.stringify({ name: [scaled] }) });
      expect(engine?.Spec?.Mode?.Replicated?.Replicas).toBe(2);

      // 4. list_deployments of the stack shows the deploy and the scale; get_deployment has a timeline.
      const listed = structured<{ items: DeploymentSummary[]; nextCursor: string | null }>(
        await call('list_deployments', { stack }),
      );
      expect(listed.items.every((d) => d.stack === stack)).toBe(true);
      expect(
        listed.items.map((d) => [d.id, d.kind, d.status]).sort((a, b) => a[1]!.localeCompare(b[1]!)),
      ).toEqual([
        [deployed.deploymentId, 'deploy', 'succeeded'],
        [scale.deploymentId, 'scale', 'succeeded'],
      ]);
      const record = structured<Deployment>(await call('get_deployment', { id: deployed.deploymentId }));
      expect(record).toMatchObject({ id: deployed.deploymentId, stack, kind: 'deploy', status: 'succeeded' });
      expect(record.requestedBy).toMatch(/^token:/);
      expect(record.steps.length).toBeGreaterThanOrEqual(2);
      expect(record.steps.map((s) => s.seq)).toEqual(
        [...record.steps.map((s) => s.seq)].sort((a, b) => a - b),
      );
      expect(record.steps.some((s) => s.subject === `${stack}_alpha`)).toBe(true);
      expect(record.steps.some((s) => s.subject === `${stack}_beta`)).toBe(true);
      console.log(
        `deployment ${record.id} timeline:\n` +
          record.steps
            .map((s) => `  ${s.at} ${s.name} ${s.status} ${s.subject ?? ''}: ${s.message}`)
            .join('\n'),
      );

      // 5. remove_stack without confirm is refused naming `confirm` and changes nothing; with it, removes.
      const refused = await call('remove_stack', { name: stack }, 'remove_stack (no confirm)');
      expect(refused.isError).toBe(true);
      expect(resultText(refused)).toMatch(/confirm/);
      expect(await stackServiceNames(docker, stack)).toEqual([`${stack}_alpha`, `${stack}_beta`]);
      const removed = structured<RemoveStackData>(
        await call('remove_stack', { name: stack, confirm: true, timeoutSeconds: 240 }),
      );
      expect(removed, JSON.stringify(removed)).toMatchObject({ status: 'succeeded', stack });
      expect([...removed.removed.services].sort()).toEqual([`${stack}_alpha`, `${stack}_beta`]);
      expect(await stackServiceNames(docker, stack)).toEqual([]);

      // 6. Exactly one audit row per call, in order; get_audit_log shows the two remove_stack rows.
      const audit = structured<{ items: { tool: string; outcome: string; errorCode: string | null }[] }>(
        await call('get_audit_log', { tool: 'remove_stack' }),
      );
      expect(audit.items.map((e) => [e.outcome, e.errorCode])).toEqual([
        ['ok', null],
        [expect.not.stringMatching(/^ok$/), 'INVALID_REQUEST'],
      ]);
      // The get_audit_log row itself may be written just after its answer: wait for it, then compare exactly.
      await pollUntil(
        'an audit row for every call',
        async () => ((await auditCount(db.pool)) >= auditBefore + calls.length ? true : undefined),
        { maxMs: 30_000, everyMs: 100 },
      );
      expect(await auditCount(db.pool)).toBe(auditBefore + calls.length);
      const rows = await auditRowsAfter(db.pool, auditBefore);
      expect(rows.map((r) => r.tool)).toEqual(calls);
      expect(rows.every((r) => r.principal === record.requestedBy)).toBe(true);
      expect(rows.map((r) => r.error_code)).toEqual(
        calls.map((_, i) => (i === calls.indexOf('remove_stack') ? 'INVALID_REQUEST' : null)),
      );
      console.log(
        `gateway-deployer: ${calls.length} calls, ${deployProgress.length} deploy progress notifications, ` +
          `${progressOf.scale_service?.length ?? 0} scale; timings (ms) ${JSON.stringify(timings)}`,
      );
    } finally {
      await quietly(http?.close());
      // A test that failed midway leaves the stack behind: remove it through the engine, networks too.
      await quietly(removeStack(docker, stack, 120_000));
      await quietly(gateway?.stop());
      await quietly(deployer?.stop());
      await quietly(inventory?.stop());
      await quietly(nats?.stop());
      await quietly(pg?.cleanup());
    }
  },
);
