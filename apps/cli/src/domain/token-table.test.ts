import { describe, expect, it } from 'vitest';
import type { TokenRecord } from '@swarmops/auth';
import { parseStacksOption, renderCreatedToken, renderTokenTable } from './token-table.js';

const record = (over: Partial<TokenRecord> = {}): TokenRecord => ({
  id: '7d6e2f1a-1111-4222-8333-944455556666',
  name: 'ci',
  prefix: 'swo_ab12cd34',
  role: 'operator',
  stacks: null,
  createdAt: new Date('2026-03-01T12:00:00Z'),
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
  createdBy: 'cli',
  ...over,
});

describe('token table', () => {
  it('lists prefix, name, role, stacks, created, expires, last used and revoked', () => {
    const text = renderTokenTable(
      [
        record(),
        record({
          prefix: 'swo_zz99yy88',
          name: 'old',
          role: 'viewer',
          stacks: ['shop', 'blog'],
          expiresAt: new Date('2026-02-01T00:00:00Z'),
          lastUsedAt: new Date('2026-01-15T08:30:00Z'),
          revokedAt: new Date('2026-01-20T00:00:00Z'),
        }),
      ],
      new Date('2026-03-02T00:00:00Z'),
    );
    const [header, first, second] = text.split('\n');
    expect(header).toMatch(/^PREFIX\s+NAME\s+ROLE\s+STACKS\s+CREATED\s+EXPIRES\s+LAST USED\s+REVOKED$/);
    expect(first).toMatch(/^swo_ab12cd34\s+ci\s+operator\s+\*\s+2026-03-01 12:00Z\s+-\s+-\s+-$/);
    expect(second).toContain('shop,blog');
    expect(second).toContain('2026-02-01 00:00Z (expired)');
    expect(second).toContain('2026-01-15 08:30Z');
  });

  it('says how to create a token when there is none', () => {
    expect(renderTokenTable([], new Date())).toContain('./swarmops token create');
  });

  it('shows a new token once, with its prefix and expiry', () => {
    const text = renderCreatedToken(
      'swo_ab12cd34_SECRET',
      record({ expiresAt: new Date('2026-06-01T00:00:00Z') }),
    );
    expect(text.split('\n')[0]).toBe('swo_ab12cd34_SECRET');
    expect(text).toContain('prefix:  swo_ab12cd34');
    expect(text).toContain('expires: 2026-06-01T00:00:00.000Z');
    expect(text).toContain('only time the token is shown');
  });

  it('reads --stacks as a comma list', () => {
    expect(parseStacksOption('shop, blog,,')).toEqual(['shop', 'blog']);
    expect(parseStacksOption(',')).toBeUndefined();
    expect(parseStacksOption(undefined)).toBeUndefined();
  });
});
