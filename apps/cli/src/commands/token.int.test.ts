import { mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pgFixture } from '@swarmops/testkit';
import type { PgFixture } from '@swarmops/testkit';
import { createContext } from '../context.js';
import type { Context } from '../context.js';
import { ADMIN_TOKEN_NAME, ensureAdminToken } from '../parts/admin-token.js';
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './token.js';

// The token commands against a fresh migrated database; DATABASE_URL reaches them the way it
// reaches a user: through the environment or .swarmops/env.
describe('token commands', () => {
  let pg: PgFixture;
  let root: string;
  let ctx: Context;
  let out: string;
  const savedUrl = process.env.DATABASE_URL;

  beforeEach(async () => {
    pg = await pgFixture();
    root = mkdtempSync(path.join(tmpdir(), 'swarmops-cli-'));
    ctx = createContext({ SWARMOPS_ROOT: root });
    process.env.DATABASE_URL = pg.url;
    out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    process.env.DATABASE_URL = savedUrl;
    rmSync(root, { recursive: true, force: true });
    await pg.cleanup();
  });

  it('creates a token shown once, lists it without the secret, and revokes it by prefix', async () => {
    expect(
      await tokenCreateCommand(ctx, { role: 'operator', name: 'ci', stacks: 'shop,blog', expires: '90d' }),
    ).toBe(0);
    const token = out.split('\n')[0] ?? '';
    expect(token).toMatch(/^swo_[0-9a-z]{8}_[0-9A-Za-z]{40}$/);
    const prefix = token.slice(0, 12);
    expect(out).toContain(`prefix:  ${prefix}`);
    expect(out).toMatch(/expires: \d{4}-\d\d-\d\dT/);

    out = '';
    await tokenListCommand(ctx, {});
    expect(out).toContain(prefix);
    expect(out).toMatch(/operator\s+shop,blog/);
    expect(out).not.toContain(token);

    out = '';
    await tokenRevokeCommand(ctx, prefix);
    expect(out).toContain(`revoked ${prefix} (ci)`);
    out = '';
    await tokenListCommand(ctx, { json: true });
    const listed = JSON.parse(out) as { prefix: string; revokedAt: string | null }[];
    expect(listed).toEqual([expect.objectContaining({ prefix, revokedAt: expect.any(String) as unknown })]);
  });

  it('reads DATABASE_URL from .swarmops/env when the environment has none', async () => {
    delete process.env.DATABASE_URL;
    await expect(tokenListCommand(ctx, {})).rejects.toThrow(/run \.\/swarmops up/);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(ctx.stateDir, { recursive: true });
    writeFileSync(ctx.envFile, `export DATABASE_URL='${pg.url}'\n`);
    expect(await tokenListCommand(ctx, {})).toBe(0);
    expect(out).toContain('No tokens');
  });

  it('refuses a bad role, lifetime or unknown prefix with a clear message', async () => {
    await expect(tokenCreateCommand(ctx, { role: 'root' })).rejects.toThrow(/--role must be one of/);
    await expect(tokenCreateCommand(ctx, { role: 'viewer', expires: 'soon' })).rejects.toThrow(/--expires/);
    await expect(tokenRevokeCommand(ctx, 'swo_00000000')).rejects.toThrow(/no token with id or prefix/);
  });

  it('up creates .swarmops/admin.token once, mode 0600, holding a working admin token', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(ctx.stateDir, { recursive: true });
    expect(await ensureAdminToken(ctx, pg.url)).toBe('created');
    const token = readFileSync(ctx.adminTokenFile, 'utf8').trim();
    expect(statSync(ctx.adminTokenFile).mode & 0o777).toBe(0o600);
    expect(out).not.toContain(token);
    expect(await ensureAdminToken(ctx, pg.url)).toBe('kept');
    expect(readFileSync(ctx.adminTokenFile, 'utf8').trim()).toBe(token);
    const rows = await pg.pool.query<{ name: string; role: string; created_by: string }>(
      'SELECT name, role, created_by FROM api_tokens',
    );
    expect(rows.rows).toEqual([{ name: ADMIN_TOKEN_NAME, role: 'admin', created_by: 'up' }]);
  });
});
