import { describe, expect, it } from 'vitest';
import type { TokenRecord } from './token-record.js';
import { createVerifyCache } from './verify-cache.js';

const record = (id: string): TokenRecord => ({
  id,
  name: id,
  prefix: `swo_${id}`,
  role: 'viewer',
  stacks: null,
  createdAt: new Date(0),
  expiresAt: null,
  revokedAt: null,
  lastUsedAt: null,
  createdBy: 'test',
});

describe('verify cache', () => {
  it('answers within the window and forgets after it', () => {
    const cache = createVerifyCache(1000);
    cache.set('h1', record('a'), 0);
    expect(cache.get('h1', 999)?.id).toBe('a');
    expect(cache.get('h1', 1000)).toBeUndefined();
    expect(cache.get('h1', 0)).toBeUndefined();
  });

  it('keeps nothing when disabled', () => {
    const cache = createVerifyCache(0);
    cache.set('h1', record('a'), 0);
    expect(cache.get('h1', 0)).toBeUndefined();
  });

  it('forgets every entry of a revoked token id', () => {
    const cache = createVerifyCache(1000);
    cache.set('h1', record('a'), 0);
    cache.set('h2', record('b'), 0);
    cache.forgetToken('a');
    expect(cache.get('h1', 1)).toBeUndefined();
    expect(cache.get('h2', 1)?.id).toBe('b');
  });

  it('drops the oldest entry when full', () => {
    const cache = createVerifyCache(1000, 2);
    cache.set('h1', record('a'), 0);
    cache.set('h2', record('b'), 0);
    cache.set('h3', record('c'), 0);
    expect(cache.get('h1', 1)).toBeUndefined();
    expect(cache.get('h3', 1)?.id).toBe('c');
  });
});
