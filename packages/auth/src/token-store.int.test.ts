import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgFixture } from '@swarmops/testkit';
import type { PgFixture } from '@swarmops/testkit';
import { hashToken } from './token-format.js';
import { createTokenStore } from './token-store.js';

describe('token store', () => {
  let pg: PgFixture;
  let clock: Date;
  const now = () => clock;

  beforeEach(async () => {
    pg = await pgFixture();
    clock = new Date('2026-03-01T12:00:00.000Z');
  });

  afterEach(async () => {
    await pg.cleanup();
  });

  it('stores only the hash and the visible prefix, and shows the token once', async () => {
    const tokens = createTokenStore(pg.pool, { now });
    const { token, record } = await tokens.create({ name: 'ci', role: 'operator', stacks: ['shop'] });
    expect(token.startsWith(`${record.prefix}_`)).toBe(true);
    const rows = await pg.pool.query<{ hash: string; prefix: string }>(
      'SELECT hash, prefix, row_to_json(t)::text AS raw FROM api_tokens t',
    );
    expect(rows.rows[0]?.hash).toBe(hashToken(token));
    expect(JSON.stringify(rows.rows)).not.toContain(token);
    expect(record).toMatchObject({ name: 'ci', role: 'operator', stacks: ['shop'], revokedAt: null });
  });

  it('verifies a good token and records when it was last used', async () => {
    const tokens = createTokenStore(pg.pool, { now });
    const { token, record } = await tokens.create({ name: 'ci', role: 'viewer' });
    const verified = await tokens.verify(token);
    expect(verified.id).toBe(record.id);
    await tokens.flush();
    const [listed] = await tokens.list();
    expect(listed?.lastUsedAt?.toISOString()).toBe(clock.toISOString());
  });

  it('refuses malformed, unknown and wrong-secret tokens', async () => {
    const tokens = createTokenStore(pg.pool, { now });
    const { token, record } = await tokens.create({ name: 'ci', role: 'viewer' });
    await expect(tokens.verify('nope')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      details: { reason: 'malformed' },
    });
    await expect(tokens.verify(`swo_zzzzzzzz_${'a'.repeat(40)}`)).rejects.toMatchObject({
      details: { reason: 'unknown' },
    });
    const forged = `${record.prefix}_${'A'.repeat(40)}`;
    expect(forged).not.toBe(token);
    await expect(tokens.verify(forged)).rejects.toMatchObject({ details: { reason: 'unknown' } });
  });

  it('refuses a revoked token; revoking by prefix, bare id or uuid works and is idempotent', async () => {
    const tokens = createTokenStore(pg.pool, { now });
    const a = await tokens.create({ name: 'a', role: 'viewer' });
    const b = await tokens.create({ name: 'b', role: 'viewer' });
    const c = await tokens.create({ name: 'c', role: 'viewer' });
    expect((await tokens.revoke(a.record.prefix)).revokedAt).not.toBeNull();
    expect((await tokens.revoke(b.record.prefix.slice(4))).revokedAt).not.toBeNull();
    expect((await tokens.revoke(c.record.id)).revokedAt).not.toBeNull();
    expect((await tokens.revoke(c.record.id)).revokedAt?.toISOString()).toBe(clock.toISOString());
    await expect(tokens.verify(a.token)).rejects.toMatchObject({ details: { reason: 'revoked' } });
    await expect(tokens.revoke('swo_00000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an expired token', async () => {
    const tokens = createTokenStore(pg.pool, { now });
    const { token, record } = await tokens.create({ name: 'short', role: 'admin', expiresIn: '1h' });
    expect(record.expiresAt?.toISOString()).toBe('2026-03-01T13:00:00.000Z');
    await expect(tokens.verify(token)).resolves.toMatchObject({ role: 'admin' });
    clock = new Date('2026-03-01T13:00:00.000Z');
    await expect(tokens.verify(token)).rejects.toMatchObject({ details: { reason: 'expired' } });
    await tokens.flush();
  });

  it('with verifyCacheMs, sees a revocation made elsewhere only after the window, and its own at once', async () => {
    const tokens = createTokenStore(pg.pool, { now, verifyCacheMs: 5000 });
    const elsewhere = await tokens.create({ name: 'elsewhere', role: 'viewer' });
    const here = await tokens.create({ name: 'here', role: 'viewer' });
    await tokens.verify(elsewhere.token);
    await tokens.verify(here.token);
    // Another process (the CLI) revokes: this store answers from memory until the window ends.
    await pg.pool.query('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2', [clock, elsewhere.record.id]);
    await expect(tokens.verify(elsewhere.token)).resolves.toMatchObject({ id: elsewhere.record.id });
    clock = new Date(clock.getTime() + 5000);
    await expect(tokens.verify(elsewhere.token)).rejects.toMatchObject({ details: { reason: 'revoked' } });
    // Revoked through this store: refused on the next call.
    await tokens.revoke(here.record.prefix);
    await expect(tokens.verify(here.token)).rejects.toMatchObject({ details: { reason: 'revoked' } });
    await tokens.flush();
  });

  it('with verifyCacheMs, still refuses a token the moment it expires', async () => {
    const tokens = createTokenStore(pg.pool, { now, verifyCacheMs: 60_000 });
    const { token } = await tokens.create({ name: 'short', role: 'viewer', expiresIn: '1h' });
    clock = new Date('2026-03-01T12:59:59.000Z');
    await expect(tokens.verify(token)).resolves.toMatchObject({ name: 'short' });
    clock = new Date('2026-03-01T13:00:00.000Z');
    await expect(tokens.verify(token)).rejects.toMatchObject({ details: { reason: 'expired' } });
    await tokens.flush();
  });

  it('refuses bad input naming the field', async () => {
    const tokens = createTokenStore(pg.pool, { now });
    await expect(tokens.create({ name: 'x', role: 'root' as 'admin' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    await expect(tokens.create({ name: 'x', role: 'viewer', expiresIn: 'soon' })).rejects.toThrow(
      /expiresIn/,
    );
    await expect(tokens.create({ name: 'x', role: 'viewer', stacks: ['bad name'] })).rejects.toThrow(
      /stacks/,
    );
    expect(await tokens.list()).toEqual([]);
  });

  it('lists newest first, revoked included', async () => {
    const tokens = createTokenStore(pg.pool, { now });
    await tokens.create({ name: 'old', role: 'viewer' });
    clock = new Date('2026-03-02T00:00:00.000Z');
    const fresh = await tokens.create({ name: 'new', role: 'viewer' });
    await tokens.revoke(fresh.record.prefix);
    expect((await tokens.list()).map((t) => [t.name, t.revokedAt !== null])).toEqual([
      ['new', true],
      ['old', false],
    ]);
  });
});
