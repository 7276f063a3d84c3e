import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgFixture } from '@swarmops/testkit';
import type { PgFixture } from '@swarmops/testkit';
import { createTokenStore } from '@swarmops/auth';
import { authenticate } from './authenticate.js';

describe('authenticate against the real token store', () => {
  let pg: PgFixture;
  let clock: Date;

  beforeEach(async () => {
    pg = await pgFixture();
    clock = new Date('2026-05-01T00:00:00.000Z');
  });

  afterEach(async () => {
    await pg.cleanup();
  });

  it('accepts good and stack-scoped tokens, refuses revoked, expired and unknown ones', async () => {
    const tokens = createTokenStore(pg.pool, { now: () => clock });
    const good = await tokens.create({ name: 'good', role: 'admin' });
    const scoped = await tokens.create({ name: 'scoped', role: 'operator', stacks: ['shop'] });
    const revoked = await tokens.create({ name: 'revoked', role: 'admin' });
    const expiring = await tokens.create({ name: 'expiring', role: 'admin', expiresIn: '1d' });
    await tokens.revoke(revoked.record.prefix);

    await expect(authenticate({ bearer: good.token }, { tokens })).resolves.toEqual({
      id: `token:${good.record.prefix}`,
      kind: 'token',
      tokenId: good.record.id,
      role: 'admin',
      stacks: null,
    });
    await expect(authenticate({ bearer: scoped.token }, { tokens })).resolves.toMatchObject({
      role: 'operator',
      stacks: ['shop'],
    });
    await expect(authenticate({ bearer: revoked.token }, { tokens })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      details: { reason: 'revoked' },
    });
    clock = new Date('2026-05-02T00:00:00.000Z');
    await expect(authenticate({ bearer: expiring.token }, { tokens })).rejects.toMatchObject({
      details: { reason: 'expired' },
    });
    await expect(
      authenticate({ bearer: `${good.record.prefix}_${'Z'.repeat(40)}` }, { tokens }),
    ).rejects.toMatchObject({ details: { reason: 'unknown' } });
    await tokens.flush();
    const used = await pg.pool.query<{ name: string }>(
      'SELECT name FROM api_tokens WHERE last_used_at IS NOT NULL ORDER BY name',
    );
    expect(used.rows.map((r) => r.name)).toEqual(['good', 'scoped']);
  });
});
