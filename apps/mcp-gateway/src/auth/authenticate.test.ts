import { describe, expect, it } from 'vitest';
import { authFailure } from '@swarmops/auth';
import type { Principal, TokenRecord } from '@swarmops/auth';
import { authenticate } from './authenticate.js';

const record: TokenRecord = {
  id: '7d6e2f1a-1111-4222-8333-944455556666',
  name: 'ci',
  prefix: 'swo_ab12cd34',
  role: 'operator',
  stacks: ['shop'],
  createdAt: new Date(0),
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
  createdBy: 'test',
};
const GOOD = `swo_ab12cd34_${'x'.repeat(40)}`;
const tokens = {
  verify: (secret: string) =>
    secret === GOOD ? Promise.resolve(record) : Promise.reject(authFailure('unknown')),
};
const oauthPrincipal: Principal = { id: 'oauth:alice', kind: 'oauth', role: 'viewer', stacks: null };
const jwt = { verify: () => Promise.resolve(oauthPrincipal) };

describe('authenticate', () => {
  it('refuses a missing bearer', async () => {
    await expect(authenticate({}, { tokens })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      details: { reason: 'missing' },
    });
    await expect(authenticate({ bearer: '  ' }, { tokens })).rejects.toMatchObject({
      details: { reason: 'missing' },
    });
  });

  it('turns a personal access token into a token principal without the secret', async () => {
    const principal = await authenticate({ bearer: GOOD }, { tokens });
    expect(principal).toEqual({
      id: 'token:swo_ab12cd34',
      kind: 'token',
      tokenId: record.id,
      role: 'operator',
      stacks: ['shop'],
    });
    expect(JSON.stringify(principal)).not.toContain('xxxx');
  });

  it('sends JWT-shaped bearers to the OAuth verifier', async () => {
    await expect(authenticate({ bearer: 'aaa.bbb.ccc' }, { tokens, jwt })).resolves.toBe(oauthPrincipal);
    await expect(authenticate({ bearer: 'aaa.bbb.ccc' }, { tokens })).rejects.toMatchObject({
      details: { reason: 'oauth_disabled' },
    });
  });

  it('refuses anything else as malformed', async () => {
    await expect(authenticate({ bearer: 'hunter2' }, { tokens, jwt })).rejects.toMatchObject({
      details: { reason: 'malformed' },
    });
  });
});
