import { createTokenStore } from '@swarmops/auth';
import { request } from '@swarmops/bus';
import { HealthRpc } from '@swarmops/contracts';
import type {
  CheckResult,
  HealingPolicy,
  HealthReport,
  HealthReportSummary,
  ServiceDiagnosis,
} from '@swarmops/contracts';
import {
  createTestDocker,
  ensureTestImage,
  removeLabeled,
  requireDocker,
  uniqueName,
} from '@swarmops/testkit';
import { expect, it } from 'vitest';
import { quietly } from '../fixtures/deployer/quietly.js';
import { auditCount, auditRowsAfter } from '../fixtures/gateway/audit.js';
import { startGateway } from '../fixtures/gateway/gateway-process.js';
import type { GatewayProcess } from '../fixtures/gateway/gateway-process.js';
import { connectHttp, resultText } from '../fixtures/gateway/mcp-clients.js';
import type { McpSession, ToolResult } from '../fixtures/gateway/mcp-clients.js';
import {
  containerOf,
  createService,
  serviceSpec,
  updateService,
  waitRunning,
} from '../fixtures/health/faults.js';
import { startHealthEnv } from '../fixtures/health/health-env.js';
import type { HealthEnv } from '../fixtures/health/health-env.js';
import { pollUntil } from '../fixtures/inventory/poll.js';

// Acceptance of #6's tools: the official MCP client (Streamable HTTP) -> mcp-gateway (child process) -> NATS ->
// the real health service (child process) with the real inventory and deployer, all on a private nats-server
// and a fresh database, judging real services on the shared swarm. Runs are scoped to this test's stack, so
// the other services of the shared swarm never count.

const HEALTH_TOOLS = [
  'diagnose_service',
  'execute_health_check',
  'get_health_report',
  'list_healing_actions',
  'list_health_history',
  'set_healing_policy',
];

/** The structured result of a successful call; fails with the tool's text otherwise. */
function structured<T>(result: ToolResult): T {
  expect(result.isError, resultText(result)).toBeFalsy();
  return result.structuredContent as T;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

it(
  'runs, reads, lists and explains health through MCP with the real health service, scoped to a stack, one audit row per call',
  { timeout: 600_000 },
  async () => {
    await requireDocker();
    const docker = createTestDocker(undefined, 60_000);
    await ensureTestImage(docker);
    const run = uniqueName('e2e-gwhealth');
    const stack = run;
    const crash = `${stack}_crash`;
    const calm = `${stack}_calm`;
    const timings: Record<string, number> = {};
    let env: HealthEnv | undefined;
    let gateway: GatewayProcess | undefined;
    const sessions: McpSession[] = [];
    let passed = false;
    try {
      let t = performance.now();
      env = await startHealthEnv({ name: run, healthEnv: { HEALTH_INTERVAL_SECONDS: '5' } });
      gateway = await startGateway({ natsUrl: env.nats.url, databaseUrl: env.pg.url });
      timings['start env + gateway'] = Math.round(performance.now() - t);
      const tokens = createTokenStore(env.pg.pool);
      const token = async (role: 'viewer' | 'operator' | 'admin', stacks?: string[]) =>
        (
          await tokens.create({
            name: `${run}-${role}`,
            role,
            createdBy: 'e2e',
            ...(stacks ? { stacks } : {}),
          })
        ).token;
      const admin = await connectHttp(gateway.mcpUrl, await token('admin'));
      const operator = await connectHttp(gateway.mcpUrl, await token('operator', [stack]));
      const stranger = await connectHttp(gateway.mcpUrl, await token('viewer', [`${stack}-other`]));
      sessions.push(admin, operator, stranger);
      await tokens.flush();
      const auditBefore = await auditCount(env.pg.pool);

      await createService(docker, serviceSpec({ name: calm, run, stack }));
      await createService(
        docker,
        serviceSpec({
          name: crash,
          run,
          stack,
          command: ['sh', '-c', 'echo "boom: config missing" >&2; exit 3'],
        }),
      );
      await waitRunning(docker, calm, 1);

      const { tools } = await admin.client.listTools();
      expect(
        tools
          .map((x) => x.name)
          .filter((n) => HEALTH_TOOLS.includes(n))
          .sort(),
      ).toEqual(HEALTH_TOOLS);

      // The stack-scoped operator runs its stack until the crash loop shows, with evidence and a fix.
      t = performance.now();
      const { check, report } = await pollUntil(
        `service.crash-loop fail on ${crash} through execute_health_check`,
        async () => {
          const r = structured<HealthReport>(
            await operator.call('execute_health_check', { scope: 'stack', target: stack }),
          );
          const c = r.checks.find((x) => x.id === 'service.crash-loop' && x.subject === `service:${crash}`);
          return c?.status === 'fail' ? { check: c, report: r } : undefined;
        },
        { maxMs: 180_000, everyMs: 2_000 },
      );
      timings['crash loop visible through the gateway'] = Math.round(performance.now() - t);
      expect(report).toMatchObject({ scope: 'stack', target: stack, trigger: 'on-demand' });
      expect(['degraded', 'unhealthy']).toContain(report.status);
      for (const c of report.checks)
        expect([`stack:${stack}`, `service:${crash}`, `service:${calm}`]).toContain(c.subject);
      expect(check.evidence?.['exitCodes']).toContain(3);
      expect(check.fix).toBeTruthy();

      // The stored report reads back unchanged; the newest report without an id is a cluster-wide one.
      const again = structured<HealthReport>(
        await admin.call('get_health_report', { reportId: report.reportId }),
      );
      expect(again).toEqual(report);
      const newest = structured<HealthReport>(await admin.call('get_health_report', {}));
      expect(newest.scope).toBe('cluster');
      // The scoped operator sees the newest cluster report narrowed to its stack: the crash loop, nothing else.
      const narrowed = structured<HealthReport & { narrowedTo?: string[] }>(
        await operator.call('get_health_report', { reportId: newest.reportId }),
      );
      expect(narrowed.narrowedTo).toEqual([stack]);
      for (const c of narrowed.checks)
        expect([`stack:${stack}`, `service:${crash}`, `service:${calm}`]).toContain(c.subject);

      // History since that run, page by page (each summary carries its problems with their evidence).
      const historyOf = async (session: McpSession, args: Record<string, unknown>) => {
        const items: HealthReportSummary[] = [];
        let cursor: string | null = null;
        do {
          const page: { items: HealthReportSummary[]; nextCursor: string | null } = structured(
            await session.call('list_health_history', {
              ...args,
              since: report.checkedAt,
              ...(cursor === null ? {} : { cursor }),
            }),
          );
          items.push(...page.items);
          cursor = items.some((r) => r.reportId === report.reportId) ? null : page.nextCursor;
        } while (cursor !== null);
        return items;
      };
      const history = await historyOf(admin, { checkId: 'service.crash-loop' });
      expect(history.map((r) => r.reportId)).toContain(report.reportId);
      for (const r of history) expect(r.problems.map((p) => p.id)).toContain('service.crash-loop');
      const mine = await historyOf(operator, {});
      expect(mine.map((r) => r.reportId)).toContain(report.reportId);
      for (const r of mine) expect([stack, crash, calm]).toContain(r.target);

      const diagnosis = structured<ServiceDiagnosis>(
        await operator.call('diagnose_service', { service: crash }),
      );
      expect(diagnosis).toMatchObject({ service: crash, stack });
      expect(
        diagnosis.checks.some((c: CheckResult) => c.id === 'service.crash-loop' && c.status === 'fail'),
      ).toBe(true);
      expect(diagnosis.taskErrors.length).toBeGreaterThan(0);
      expect(diagnosis.fixes.length).toBeGreaterThan(0);
      const explained = resultText(await admin.call('diagnose_service', { service: crash }));
      expect(explained).toContain('task errors:');
      expect(explained).toContain('fixes to try:');

      // Refusals: cluster-wide runs and other stacks, before the health service hears of them.
      expect(resultText(await operator.call('execute_health_check', {}))).toMatch(/^FORBIDDEN: /);
      expect(resultText(await stranger.call('diagnose_service', { service: crash }))).toMatch(/^FORBIDDEN: /);
      expect(
        resultText(await stranger.call('execute_health_check', { scope: 'stack', target: stack })),
      ).toMatch(/^FORBIDDEN: /);

      // Healing policies: dry-run at once, `on` only when confirmed; the policies show in list_healing_actions.
      const policy = structured<HealingPolicy>(
        await admin.call('set_healing_policy', { checkId: 'service.update', mode: 'dry-run', maxPerHour: 2 }),
      );
      expect(policy).toMatchObject({
        checkId: 'service.update',
        mode: 'dry-run',
        action: 'force-update',
        maxPerHour: 2,
      });
      expect(policy.updatedBy).toMatch(/^token:swo_/);
      expect(
        resultText(await admin.call('set_healing_policy', { checkId: 'service.update', mode: 'on' })),
      ).toMatch(/^INVALID_REQUEST: invalid field `confirm`/);
      expect(
        resultText(await operator.call('set_healing_policy', { checkId: 'service.update', mode: 'off' })),
      ).toMatch(/^FORBIDDEN: /);
      const actions = structured<{ items: unknown[]; policies: HealingPolicy[] }>(
        await admin.call('list_healing_actions', {}),
      );
      expect(actions.policies).toEqual([
        expect.objectContaining({ checkId: 'service.update', mode: 'dry-run' }),
      ]);

      // Gateway overhead: the same stack run through MCP and straight over NATS, alternating.
      const viaGateway: number[] = [];
      const direct: number[] = [];
      for (let i = 0; i < 20; i++) {
        let s = performance.now();
        structured<HealthReport>(
          await operator.call('execute_health_check', { scope: 'stack', target: stack }),
        );
        viaGateway.push(performance.now() - s);
        s = performance.now();
        await request(env.nc, HealthRpc.checkRun, { scope: 'stack', target: stack }, { timeoutMs: 30_000 });
        direct.push(performance.now() - s);
      }
      viaGateway.sort((a, b) => a - b);
      direct.sort((a, b) => a - b);

      // After the fix the crash loop is no longer failing, seen through the gateway.
      await updateService(docker, crash, (s) => {
        containerOf(s)['Command'] = ['sleep', '3600'];
        return s;
      });
      t = performance.now();
      await pollUntil(
        `service.crash-loop no longer failing on ${crash}`,
        async () => {
          const r = structured<HealthReport>(
            await operator.call('execute_health_check', { scope: 'service', target: crash }),
          );
          const c = r.checks.find((x) => x.id === 'service.crash-loop' && x.subject === `service:${crash}`);
          return c !== undefined && c.status !== 'fail' ? true : undefined;
        },
        { maxMs: 180_000, everyMs: 2_000 },
      );
      timings['crash loop recovered through the gateway'] = Math.round(performance.now() - t);

      // Exactly one audit row per call, refusals as denied.
      const calls = sessions.reduce((n, s) => n + s.calls, 0);
      const rows = await auditRowsAfter(env.pg.pool, auditBefore);
      expect(rows).toHaveLength(calls);
      expect(
        rows
          .filter((r) => r.decision === 'denied')
          .map((r) => r.tool)
          .sort(),
      ).toEqual(
        [
          'diagnose_service',
          'execute_health_check',
          'execute_health_check',
          'set_healing_policy',
          'set_healing_policy',
        ].sort(),
      );
      console.log(
        `gateway-health: ${calls} MCP calls, ${rows.length} audit rows; timings ${JSON.stringify(timings)}; ` +
          `execute_health_check (stack of 2 services) via gateway p50 ${percentile(viaGateway, 50).toFixed(1)} ms ` +
          `p99 ${percentile(viaGateway, 99).toFixed(1)} ms vs HealthRpc.checkRun direct p50 ` +
          `${percentile(direct, 50).toFixed(1)} ms p99 ${percentile(direct, 99).toFixed(1)} ms ` +
          `(ratio p50 ${(percentile(viaGateway, 50) / percentile(direct, 50)).toFixed(2)})`,
      );
      passed = true;
    } finally {
      for (const s of sessions) await quietly(s.close());
      if (!passed && gateway !== undefined) console.log(`gateway log:\n${gateway.output().slice(-4000)}`);
      await quietly(gateway?.stop());
      await quietly(removeLabeled(docker, run));
      await quietly(env?.stop({ passed }));
    }
  },
);
