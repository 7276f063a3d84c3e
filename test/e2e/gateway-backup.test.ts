import type Docker from 'dockerode';
import { createTokenStore } from '@swarmops/auth';
import type { BackupSummary, RestoreResult, VerifyResult } from '@swarmops/contracts';
import { createTestDocker, ensureTestImage, requireDocker, uniqueName, TEST_LABEL } from '@swarmops/testkit';
import { expect, it } from 'vitest';
import { copyArchive, flipByte } from '../fixtures/backup/archive-files.js';
import { newEncryptionKey, startBackupEnv } from '../fixtures/backup/backup-env.js';
import type { BackupEnv } from '../fixtures/backup/backup-env.js';
import { quietly } from '../fixtures/deployer/quietly.js';
import { removeStack } from '../fixtures/deployer/web-stack.js';
import { auditCount, auditRowsAfter } from '../fixtures/gateway/audit.js';
import { startGateway } from '../fixtures/gateway/gateway-process.js';
import type { GatewayProcess } from '../fixtures/gateway/gateway-process.js';
import { connectHttp, resultText } from '../fixtures/gateway/mcp-clients.js';
import type { McpSession, ToolResult } from '../fixtures/gateway/mcp-clients.js';
import { pollUntil } from '../fixtures/inventory/poll.js';

// Acceptance of #7's tools: the official MCP client (Streamable HTTP) -> mcp-gateway (child process) -> NATS ->
// the real backup service (child process, encrypted archives) and the real deployer, on a private nats-server and
// a fresh database, on the shared swarm. A stack-scoped operator deploys and backs up its stack; an admin
// loses one of its services, sees the plan, restores it with confirmation and progress, restores again
// (nothing changes), and is refused a damaged archive. One audit row per call.

const BACKUP_TOOLS = ['backup_configs', 'list_backups', 'restore_backup', 'verify_backup'];

function structured<T>(result: ToolResult): T {
  expect(result.isError, resultText(result)).toBeFalsy();
  return result.structuredContent as T;
}

/** The fields of `docker service inspect` this test reads. */
interface ServiceView {
  Version?: { Index?: number };
  Spec: { Labels?: Record<string, string> };
}

async function inspectService(docker: Docker, name: string): Promise<ServiceView> {
  return (await docker.getService(name).inspect()) as ServiceView;
}

function compose(image: string, run: string): string {
  return [
    'services:',
    '  api:',
    `    image: ${image}`,
    '    command: ["sleep", "86400"]',
    '    init: true',
    '    stop_grace_period: 1s',
    '    networks: [back]',
    '    configs:',
    '      - source: conf',
    '        target: /etc/app.conf',
    '    secrets: [token]',
    '    deploy:',
    '      replicas: 1',
    '      labels:',
    `        ${TEST_LABEL}: ${run}`,
    '        com.example.tier: api',
    '  worker:',
    `    image: ${image}`,
    '    command: ["sleep", "86400"]',
    '    init: true',
    '    stop_grace_period: 1s',
    '    networks: [back]',
    '    deploy:',
    '      replicas: 1',
    '      labels:',
    `        ${TEST_LABEL}: ${run}`,
    'networks:',
    '  back:',
    '    driver: overlay',
    'configs:',
    '  conf:',
    '    content: "mode=gateway-e2e"',
    'secrets:',
    '  token:',
    `    content: "token-${run}"`,
    '',
  ].join('\n');
}

it(
  'backs up, lists, verifies and restores through MCP with the real backup service, with confirmation, progress and one audit row per call',
  { timeout: 900_000 },
  async () => {
    await requireDocker();
    const docker = createTestDocker(undefined, 60_000);
    const image = await ensureTestImage(docker);
    const run = uniqueName('e2e-gwbackup');
    const stack = run;
    const api = `${stack}_api`;
    const timings: Record<string, number> = {};
    let env: BackupEnv | undefined;
    let gateway: GatewayProcess | undefined;
    const sessions: McpSession[] = [];
    let passed = false;
    try {
      let t = performance.now();
      env = await startBackupEnv({
        name: run,
        inventory: false,
        backupEnv: { BACKUP_ENCRYPTION_KEY: newEncryptionKey() },
      });
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
      const viewer = await connectHttp(gateway.mcpUrl, await token('viewer', [stack]));
      sessions.push(admin, operator, viewer);
      await tokens.flush();
      const auditBefore = await auditCount(env.pg.pool);
      // Calls made with client.callTool directly (for progress), which McpSession does not count.
      let direct = 0;

      const { tools } = await admin.client.listTools();
      expect(
        tools
          .map((x) => x.name)
          .filter((n) => BACKUP_TOOLS.includes(n))
          .sort(),
      ).toEqual(BACKUP_TOOLS);

      // The scoped operator deploys its stack through the gateway and the real deployer.
      t = performance.now();
      const deployed = structured<{ status: string }>(
        await operator.call('deploy_stack', { name: stack, compose: compose(image, run) }),
      );
      expect(deployed.status).toBe('succeeded');
      timings['deploy_stack'] = Math.round(performance.now() - t);

      // It backs its stack up (the whole cluster is refused to it), with progress notifications.
      expect(resultText(await operator.call('backup_configs', {}))).toMatch(/^FORBIDDEN: .*pass `stacks`/);
      const progress: { progress: number; total?: number; message?: string }[] = [];
      t = performance.now();
      const backupResult = await operator.client.callTool(
        { name: 'backup_configs', arguments: { stacks: [stack] } },
        { onprogress: (p) => progress.push(p), timeout: 300_000 },
      );
      direct++;
      timings['backup_configs'] = Math.round(performance.now() - t);
      const backup = structured<{
        backupId: string;
        location: string;
        sizeBytes: number;
        sha256: string;
        counts: Record<string, number>;
      }>(backupResult);
      expect(Object.keys(backup).sort()).toEqual([
        'backupId',
        'counts',
        'createdAt',
        'location',
        'sha256',
        'sizeBytes',
      ]);
      expect(backup.counts).toEqual({ stacks: 1, services: 2, networks: 1, configs: 1, secrets: 1 });
      expect(backup.sizeBytes).toBeGreaterThan(0);
      expect(backup.location).toContain(backup.backupId);
      expect(progress.length).toBeGreaterThan(0);
      for (let i = 1; i < progress.length; i++) {
        expect(progress[i]?.progress).toBeGreaterThan(progress[i - 1]?.progress ?? 0);
      }
      expect(progress.at(-1)?.progress).toBe(progress.at(-1)?.total);

      // Listed for the scoped viewer (a backup of its stack only) with the same fields as the service stores.
      const listed = structured<{ items: BackupSummary[] }>(await viewer.call('list_backups', {}));
      const item = listed.items.find((b) => b.backupId === backup.backupId);
      expect(item).toMatchObject({ ...backup, stacks: [stack], encrypted: true, trigger: 'manual' });
      expect(item?.requestedBy).toMatch(/^token:swo_/);

      // Verify: valid, and the plan against the live stack changes nothing.
      const verified = structured<VerifyResult>(
        await admin.call('verify_backup', { backupId: backup.backupId }),
      );
      expect(verified.valid).toBe(true);
      expect(verified.problems).toEqual([]);
      expect(verified.plan?.counts).toMatchObject({ create: 0, update: 0 });

      // A service is lost. The plan shows it; restoring without confirm is refused with the plan, nothing changes.
      await docker.getService(api).remove();
      await pollUntil(
        `${api} gone`,
        async () =>
          (await docker.listServices({ filters: { name: [api] } })).length === 0 ? true : undefined,
        { maxMs: 60_000, everyMs: 500 },
      );
      const lost = structured<VerifyResult>(
        await admin.call('verify_backup', { backupId: backup.backupId, stacks: [stack] }),
      );
      expect(lost.plan?.items).toContainEqual(
        expect.objectContaining({ kind: 'service', name: api, action: 'create' }),
      );
      const refused = resultText(
        await admin.call('restore_backup', { backupId: backup.backupId, stacks: [stack] }),
      );
      expect(refused).toMatch(/^INVALID_REQUEST: invalid field `confirm`: restore_backup is destructive/);
      expect(refused).toContain(`- create service ${api}`);
      expect(await docker.listServices({ filters: { name: [api] } })).toEqual([]);
      // Operators may not restore at all.
      expect(
        resultText(
          await operator.call('restore_backup', {
            backupId: backup.backupId,
            stacks: [stack],
            confirm: true,
          }),
        ),
      ).toMatch(/^FORBIDDEN: forbidden: this needs the admin role/);

      // Confirmed: restored through the deployer with progress, and the service converges.
      const restoreProgress: { progress: number; total?: number }[] = [];
      t = performance.now();
      const restoredResult = await admin.client.callTool(
        { name: 'restore_backup', arguments: { backupId: backup.backupId, stacks: [stack], confirm: true } },
        { onprogress: (p) => restoreProgress.push(p), timeout: 600_000 },
      );
      direct++;
      timings['restore_backup'] = Math.round(performance.now() - t);
      const restored = structured<RestoreResult>(restoredResult);
      expect(restored.status, JSON.stringify(restored.applied)).toBe('succeeded');
      expect(restored.applied).toContainEqual(
        expect.objectContaining({ kind: 'service', name: api, outcome: 'created' }),
      );
      expect(restored.deploymentIds.length).toBeGreaterThan(0);
      expect(restoreProgress.length).toBeGreaterThan(0);
      expect(resultText(restoredResult)).toContain(`of ${backup.backupId}: succeeded`);
      const restoredSpec = await inspectService(docker, api);
      expect(restoredSpec.Spec.Labels?.['com.example.tier']).toBe('api');
      await pollUntil(
        `${api} running again`,
        async () => {
          const tasks = (await docker.listTasks({
            filters: { service: [api], 'desired-state': ['running'] },
          })) as { Status?: { State?: string } }[];
          return tasks.some((x) => x.Status?.State === 'running') ? true : undefined;
        },
        { maxMs: 120_000, everyMs: 1_000 },
      );

      // A second restore changes nothing.
      const versionBefore = restoredSpec.Version?.Index;
      const again = structured<RestoreResult>(
        await admin.call('restore_backup', { backupId: backup.backupId, stacks: [stack], confirm: true }),
      );
      expect(again.status).toBe('succeeded');
      expect(again.plan.counts).toMatchObject({ create: 0, update: 0 });
      expect((await inspectService(docker, api)).Version?.Index).toBe(versionBefore);

      // A damaged copy: verify says so, restore refuses before asking, and the cluster is unchanged.
      const damaged = await copyArchive(env.backupDir, backup.backupId, (bytes) => flipByte(bytes, -40));
      const bad = structured<VerifyResult>(await admin.call('verify_backup', { backupId: damaged }));
      expect(bad.valid).toBe(false);
      expect(bad.problems.map((p) => p.code)).toContain('decrypt-failed');
      // Without confirm the gateway reads the plan first and refuses; with it, the backup service refuses.
      const badPlan = resultText(await admin.call('restore_backup', { backupId: damaged }));
      expect(badPlan).toMatch(/^INVALID_REQUEST: backup .* is not valid, so it cannot be restored/);
      expect(badPlan).toContain('decrypt-failed');
      const badRestore = resultText(await admin.call('restore_backup', { backupId: damaged, confirm: true }));
      expect(badRestore).toMatch(/^INVALID_REQUEST: backup .* not a valid archive/);
      expect(badRestore).toContain('decrypt-failed');
      expect((await inspectService(docker, api)).Version?.Index).toBe(versionBefore);

      // One audit row per call, none of them carrying the secret.
      const rows = await auditRowsAfter(env.pg.pool, auditBefore);
      const calls = admin.calls + operator.calls + viewer.calls + direct;
      expect(rows).toHaveLength(calls);
      const denied = rows
        .filter((r) => r.decision === 'denied')
        .map((r) => `${r.tool} ${r.error_code ?? ''}`);
      expect(denied.sort()).toEqual(
        ['backup_configs FORBIDDEN', 'restore_backup FORBIDDEN', 'restore_backup INVALID_REQUEST'].sort(),
      );
      const { rows: leaks } = await env.pg.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM audit_log WHERE arguments::text LIKE '%' || $1 || '%'",
        [`token-${run}`],
      );
      expect(leaks[0]?.n).toBe(0);
      console.log('gateway-backup timings (ms):', JSON.stringify(timings));
      passed = true;
    } finally {
      for (const s of sessions) await quietly(s.close());
      if (!passed && gateway !== undefined) console.log(`gateway log:\n${gateway.output().slice(-4000)}`);
      await quietly(gateway?.stop());
      await quietly(removeStack(docker, stack, 120_000));
      await quietly(env?.stop({ passed }));
    }
  },
);
