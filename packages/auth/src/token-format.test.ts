import { describe, expect, it } from 'vitest';
import {
  generateToken,
  hashesEqual,
  hashToken,
  looksLikePersonalToken,
  parseTokenPrefix,
} from './token-format.js';

describe('token format', () => {
  it('generates swo_<8 id>_<40 base62> whose prefix parses back', () => {
    const { token, prefix } = generateToken();
    expect(token).toMatch(/^swo_[0-9a-z]{8}_[0-9A-Za-z]{40}$/);
    expect(token.startsWith(`${prefix}_`)).toBe(true);
    expect(parseTokenPrefix(token)).toBe(prefix);
  });

  it('generates a different token each time', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => generateToken().token));
    expect(tokens.size).toBe(200);
  });

  it('uses the injected randomness', () => {
    const zeros = (n: number) => Buffer.alloc(n, 0);
    expect(generateToken(zeros).token).toBe(`swo_00000000_${'0'.repeat(40)}`);
  });

  it('refuses strings without the token shape', () => {
    for (const bad of [
      '',
      'swo_',
      'swo_abc_def',
      'swo_ABCDEFGH_' + 'a'.repeat(40),
      'ghp_' + 'a'.repeat(40),
    ]) {
      expect(parseTokenPrefix(bad)).toBeNull();
    }
    expect(parseTokenPrefix(`swo_ab12cd34_${'x'.repeat(31)}`)).toBeNull();
  });

  it('tells personal tokens from JWTs by their prefix', () => {
    expect(looksLikePersonalToken('swo_ab12cd34_x')).toBe(true);
    expect(looksLikePersonalToken('eyJhbGciOi.x.y')).toBe(false);
  });

  it('hashes to sha256 hex and compares hashes', () => {
    const h = hashToken('swo_ab12cd34_secret');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashesEqual(h, hashToken('swo_ab12cd34_secret'))).toBe(true);
    expect(hashesEqual(h, hashToken('swo_ab12cd34_other'))).toBe(false);
    expect(hashesEqual(h, h.slice(0, 10))).toBe(false);
    expect(hashesEqual('', '')).toBe(false);
  });
});
