import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupRpc } from '@swarmops/contracts';
import { BACKUP_STAND_IN_STEPS, DAMAGED_BACKUP_ID } from '../testing/backup-responder.js';
import { startEnvironment } from '../testing/environment.js';
import type { TestEnvironment } from '../testing/environment.js';
import { auditRows } from '../testing/gateway-fixture.js';

// The backup tools through the real MCP server over HTTP, against a backup stand-in served on a real
// nats-server: published schemas, the fixed backup_configs fields, progress relay, stack scope,
// restore's plan-in-the-confirmation (argument and elicitation), audit. End to end against apps/backup
// is test/e2e/gateway-backup.test.ts.

let env: TestEnvironment;
let admin: string;
let adminId: string;

beforeAll(async () => {
  env = await startEnvironment({ MCP_RATE_LIMIT_PER_SECOND: '1000', MCP_RATE_LIMIT_BURST: '1000' });
  admin = await env.gateway.token({ role: 'admin' });
  adminId = `token:${admin.split('_').slice(0, 2).join('_')}`;
});
afterAll(async () => {
  await env?.close();
});

type Mode = 'legacy' | { pin: '2026-07-28' };
type Answer = { action: 'accept'; content: { confirm: boolean } } | { action: 'decline' };

async function connect(mode: Mode, opts: { token?: string; answer?: Answer } = {}) {
  const { answer } = opts;
  const client = new Client(
    { name: 'backup-tools-test', version: '1.0.0' },
    { versionNegotiation: { mode }, capabilities: answer === undefined ? {} : { elicitation: { form: {} } } },
  );
  const asked: string[] = [];
  if (answer !== undefined) {
    client.setRequestHandler('elicitation/create', (req) => {
      asked.push(req.params.message);
      return answer;
    });
  }
  await client.connect(
    new StreamableHTTPClientTransport(new URL(env.gateway.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${opts.token ?? admin}` } },
    }),
  );
  return { client, asked };
}

async function audited(fn: () => Promise<void>) {
  const before = (await auditRows(env.pg.pool)).length;
  await fn();
  return (await auditRows(env.pg.pool)).slice(before);
}

const textOf = (r: { content?: unknown }) => (r.content as { text: string }[])[0]?.text ?? '';
const restores = () => env.backup.requests(BackupRpc.restore.subject) as { backupId: string }[];
const BACKUP_ID = '20261127T224100Z-3f9a1c2b';

describe('backup tools over MCP', () => {
  it('publishes the four tools with their roles, annotations and the fixed backup_configs fields', async () => {
    const { client } = await connect('legacy');
    try {
      const { tools } = await client.listTools();
      const byName = new Map(tools.map((t) => [t.name, t]));
      const props = (schema: unknown) => Object.keys((schema as { properties: object }).properties).sort();
      const backup = byName.get('backup_configs');
      expect(props(backup?.inputSchema)).toEqual(['confirm', 'stacks']);
      const out = backup?.outputSchema as { properties: { counts: unknown }; required: string[] };
      expect(props(out)).toEqual(['backupId', 'counts', 'createdAt', 'location', 'sha256', 'sizeBytes']);
      expect(props(out.properties.counts)).toEqual(['configs', 'networks', 'secrets', 'services', 'stacks']);
      expect(props(byName.get('list_backups')?.inputSchema)).toEqual(['cursor', 'limit']);
      expect(props(byName.get('list_backups')?.outputSchema)).toEqual(['items', 'nextCursor']);
      expect(props(byName.get('verify_backup')?.inputSchema)).toEqual(['backupId', 'services', 'stacks']);
      expect(props(byName.get('verify_backup')?.outputSchema)).toEqual(
        expect.arrayContaining(['plan', 'problems', 'valid']),
      );
      expect(props(byName.get('restore_backup')?.inputSchema)).toEqual([
        'backupId',
        'confirm',
        'services',
        'stacks',
        'timeoutSeconds',
      ]);
      expect(byName.get('restore_backup')?.annotations).toMatchObject({ destructiveHint: true });
      expect(byName.get('verify_backup')?.annotations).toMatchObject({ readOnlyHint: true });
      expect(byName.get('list_backups')?.annotations).toMatchObject({ readOnlyHint: true });
      expect(byName.get('backup_configs')?.annotations).toMatchObject({
        readOnlyHint: false,
        destructiveHint: false,
      });
    } finally {
      await client.close();
    }
  });

  it.each(['legacy', { pin: '2026-07-28' }] as const)(
    'backup_configs returns exactly the fixed fields, relays its own progress only, and is audited once (%j)',
    async (mode) => {
      const { client } = await connect(mode);
      try {
        const seen: { progress: number; total?: number; message?: string }[] = [];
        let result: Awaited<ReturnType<typeof client.callTool>> | undefined;
        const rows = await audited(async () => {
          result = await client.callTool(
            { name: 'backup_configs', arguments: { stacks: ['shop'] } },
            { onprogress: (p) => seen.push(p) },
          );
        });
        expect(result?.isError, textOf(result ?? {})).toBeFalsy();
        const out = result?.structuredContent as Record<string, unknown> & { backupId: string };
        expect(Object.keys(out).sort()).toEqual([
          'backupId',
          'counts',
          'createdAt',
          'location',
          'sha256',
          'sizeBytes',
        ]);
        expect(out.counts).toEqual({ stacks: 1, services: 2, networks: 1, configs: 1, secrets: 1 });
        expect(seen).toEqual(
          Array.from({ length: BACKUP_STAND_IN_STEPS }, (_, i) => ({
            progress: i + 1,
            total: BACKUP_STAND_IN_STEPS,
            message: `step ${i + 1}: step ${i + 1} of ${BACKUP_STAND_IN_STEPS}`,
          })),
        );
        const sent = env.backup
          .requests(BackupRpc.create.subject)
          .filter((r) => (r as { backupId: string }).backupId === out.backupId);
        expect(sent).toEqual([
          { stacks: ['shop'], wait: true, backupId: out.backupId, trigger: 'manual', requestedBy: adminId },
        ]);
        expect(out.backupId).toMatch(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/);
        expect(rows).toEqual([
          expect.objectContaining({ tool: 'backup_configs', decision: 'allowed', outcome: 'ok' }),
        ]);
        expect(textOf(result ?? {})).toContain(`backup ${out.backupId} created at`);
        const listed = await client.callTool({ name: 'list_backups', arguments: {} });
        const items = (listed.structuredContent as { items: { backupId: string }[] }).items;
        expect(items.map((b) => b.backupId)).toContain(out.backupId);
      } finally {
        await client.close();
      }
    },
  );

  it('keeps stack-scoped callers to their stacks: backups, lists and verify', async () => {
    const scoped = await env.gateway.token({ role: 'admin', stacks: ['shop'] });
    const viewer = await env.gateway.token({ role: 'viewer' });
    const { client } = await connect('legacy', { token: scoped });
    const watcher = await connect('legacy', { token: viewer });
    try {
      const before = env.backup.requests(BackupRpc.create.subject).length;
      let whole: Awaited<ReturnType<typeof client.callTool>> | undefined;
      const rows = await audited(async () => {
        whole = await client.callTool({ name: 'backup_configs', arguments: {} });
      });
      expect(textOf(whole ?? {})).toMatch(/^FORBIDDEN: .*whole cluster.*pass `stacks`/);
      expect(rows).toEqual([expect.objectContaining({ tool: 'backup_configs', decision: 'denied' })]);
      const other = await client.callTool({
        name: 'backup_configs',
        arguments: { stacks: ['shop', 'bank'] },
      });
      expect(textOf(other)).toMatch(/^FORBIDDEN: .*not stack bank/);
      expect(env.backup.requests(BackupRpc.create.subject)).toHaveLength(before);
      const mine = await client.callTool({ name: 'backup_configs', arguments: { stacks: ['shop'] } });
      expect(mine.isError, textOf(mine)).toBeFalsy();
      const mineId = (mine.structuredContent as { backupId: string }).backupId;

      // A cluster-wide backup (taken by an unscoped admin) is hidden from the scoped caller.
      const all = await connect('legacy');
      const wholeId = (
        (await all.client.callTool({ name: 'backup_configs', arguments: {} })).structuredContent as {
          backupId: string;
        }
      ).backupId;
      await all.client.close();
      const seen = (r: { structuredContent?: unknown }) =>
        (r.structuredContent as { items: { backupId: string }[] }).items.map((b) => b.backupId);
      const scopedList = seen(await client.callTool({ name: 'list_backups', arguments: {} }));
      expect(scopedList).toContain(mineId);
      expect(scopedList).not.toContain(wholeId);
      expect(seen(await watcher.client.callTool({ name: 'list_backups', arguments: {} }))).toContain(wholeId);

      // Verify: stacks required and within scope; services refused; the manifest withheld.
      expect(
        textOf(await client.callTool({ name: 'verify_backup', arguments: { backupId: wholeId } })),
      ).toMatch(/^FORBIDDEN: /);
      expect(
        textOf(
          await client.callTool({
            name: 'verify_backup',
            arguments: { backupId: wholeId, services: ['shop_api'] },
          }),
        ),
      ).toMatch(/^FORBIDDEN: .*`services`/);
      const verified = await client.callTool({
        name: 'verify_backup',
        arguments: { backupId: wholeId, stacks: ['shop'] },
      });
      expect(verified.structuredContent).toMatchObject({
        valid: true,
        manifest: null,
        plan: { stacks: ['shop'] },
      });
      expect(
        textOf(await watcher.client.callTool({ name: 'verify_backup', arguments: { backupId: wholeId } })),
      ).toMatch(/^FORBIDDEN: forbidden: this needs the operator role/);
    } finally {
      await client.close();
      await watcher.client.close();
    }
  });

  it('verify_backup returns { valid, problems, plan } and says when an archive is damaged', async () => {
    const { client } = await connect('legacy');
    try {
      const good = await client.callTool({ name: 'verify_backup', arguments: { backupId: BACKUP_ID } });
      expect(good.structuredContent).toMatchObject({
        valid: true,
        problems: [],
        plan: { counts: { create: 2 } },
      });
      const text = textOf(good);
      expect(text).toContain(`backup ${BACKUP_ID} is valid`);
      expect(text).toContain('2 create, 1 update, 1 unchanged, 1 skip');
      expect(text).toContain('- update service shop_web (stack shop): TaskTemplate.ContainerSpec.Image');
      expect(text).toContain('- skip secret shop_db (stack shop) — no value for secret shop_db');
      const bad = await client.callTool({
        name: 'verify_backup',
        arguments: { backupId: DAMAGED_BACKUP_ID },
      });
      expect(bad.structuredContent).toMatchObject({ valid: false, plan: null });
      expect(textOf(bad)).toContain('- checksum-mismatch services.json: sha256 differs from the manifest');
      const junk = await client.callTool({ name: 'verify_backup', arguments: { backupId: 'latest' } });
      expect(textOf(junk)).toMatch(/^INVALID_REQUEST: .*backupId/);
    } finally {
      await client.close();
    }
  });

  it('refuses restore_backup without confirm with the plan in the text (nothing sent), and restores with confirm: true', async () => {
    const { client } = await connect('legacy');
    try {
      const before = restores().length;
      let refused: Awaited<ReturnType<typeof client.callTool>> | undefined;
      const rows = await audited(async () => {
        refused = await client.callTool({
          name: 'restore_backup',
          arguments: { backupId: BACKUP_ID, stacks: ['shop'] },
        });
      });
      const text = textOf(refused ?? {});
      expect(text).toMatch(/^INVALID_REQUEST: invalid field `confirm`: restore_backup is destructive/);
      expect(text).toContain(`Restore backup ${BACKUP_ID} (only stacks shop)?`);
      expect(text).toContain('2 create, 1 update, 1 unchanged, 1 skip');
      expect(text).toContain('- create service shop_api');
      expect(restores()).toHaveLength(before);
      expect(rows).toEqual([
        expect.objectContaining({
          tool: 'restore_backup',
          decision: 'denied',
          error_code: 'INVALID_REQUEST',
        }),
      ]);

      const seen: { progress: number; total?: number; message?: string }[] = [];
      const done = await client.callTool(
        {
          name: 'restore_backup',
          arguments: { backupId: BACKUP_ID, stacks: ['shop'], confirm: true, timeoutSeconds: 60 },
        },
        { onprogress: (p) => seen.push(p) },
      );
      expect(done.isError, textOf(done)).toBeFalsy();
      const out = done.structuredContent as { restoreId: string; status: string };
      expect(out.status).toBe('succeeded');
      expect(seen.map((p) => p.progress)).toEqual([1, 2, 3]);
      expect(restores().slice(before)).toEqual([
        {
          backupId: BACKUP_ID,
          stacks: ['shop'],
          timeoutSeconds: 60,
          dryRun: false,
          wait: true,
          restoreId: out.restoreId,
          requestedBy: adminId,
        },
      ]);
      expect(textOf(done)).toContain(`restore ${out.restoreId} of ${BACKUP_ID}: succeeded`);
      expect(textOf(done)).toContain('applied: 2 created, 1 updated, 1 skipped, 1 unchanged');
    } finally {
      await client.close();
    }
  });

  it('refuses to restore a damaged archive before asking anyone, changing nothing', async () => {
    const { client, asked } = await connect(
      { pin: '2026-07-28' },
      { answer: { action: 'accept', content: { confirm: true } } },
    );
    try {
      const before = restores().length;
      let result: Awaited<ReturnType<typeof client.callTool>> | undefined;
      const rows = await audited(async () => {
        result = await client.callTool({
          name: 'restore_backup',
          arguments: { backupId: DAMAGED_BACKUP_ID },
        });
      });
      expect(textOf(result ?? {})).toMatch(
        /^INVALID_REQUEST: backup .* is not valid, so it cannot be restored/,
      );
      expect(textOf(result ?? {})).toContain('checksum-mismatch services.json');
      expect(asked).toEqual([]);
      expect(restores()).toHaveLength(before);
      expect(rows).toEqual([
        expect.objectContaining({ tool: 'restore_backup', decision: 'allowed', outcome: 'error' }),
      ]);
    } finally {
      await client.close();
    }
  });

  it('shows the plan to a 2026-07-28 user who can be asked, and restores only on yes', async () => {
    const yes = await connect(
      { pin: '2026-07-28' },
      { answer: { action: 'accept', content: { confirm: true } } },
    );
    try {
      const before = restores().length;
      const rows = await audited(async () => {
        const r = await yes.client.callTool({ name: 'restore_backup', arguments: { backupId: BACKUP_ID } });
        expect(r.isError, textOf(r)).toBeFalsy();
      });
      expect(yes.asked).toHaveLength(1);
      expect(yes.asked[0]).toContain(`Restore backup ${BACKUP_ID}?`);
      expect(yes.asked[0]).toContain('restore plan of');
      expect(restores()).toHaveLength(before + 1);
      expect(rows).toEqual([
        expect.objectContaining({ tool: 'restore_backup', decision: 'allowed', outcome: 'ok' }),
      ]);
    } finally {
      await yes.client.close();
    }
    const no = await connect({ pin: '2026-07-28' }, { answer: { action: 'decline' } });
    try {
      const before = restores().length;
      const r = await no.client.callTool({
        name: 'restore_backup',
        arguments: { backupId: BACKUP_ID, confirm: true },
      });
      expect(textOf(r)).toMatch(/^FORBIDDEN: the user declined to confirm restore_backup/);
      expect(restores()).toHaveLength(before);
    } finally {
      await no.client.close();
    }
  });

  it('refuses restore_backup to operators', async () => {
    const operator = await env.gateway.token({ role: 'operator' });
    const { client } = await connect('legacy', { token: operator });
    try {
      const r = await client.callTool({
        name: 'restore_backup',
        arguments: { backupId: BACKUP_ID, confirm: true },
      });
      expect(textOf(r)).toMatch(/^FORBIDDEN: forbidden: this needs the admin role/);
    } finally {
      await client.close();
    }
  });
});
