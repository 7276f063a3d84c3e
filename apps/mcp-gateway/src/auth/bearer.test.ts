import { describe, expect, it } from 'vitest';
import { bearerChallenge, bearerFromHeader, looksLikeJwt } from './bearer.js';

describe('bearer parsing', () => {
  it('takes the token from a Bearer header, any case', () => {
    expect(bearerFromHeader('Bearer abc')).toBe('abc');
    expect(bearerFromHeader('bearer   abc ')).toBe('abc');
    expect(bearerFromHeader('Basic abc')).toBeUndefined();
    expect(bearerFromHeader('Bearer a b')).toBeUndefined();
    expect(bearerFromHeader(undefined)).toBeUndefined();
  });

  it('tells JWTs by their three parts', () => {
    expect(looksLikeJwt('eyJh.eyJz.sig-_')).toBe(true);
    expect(looksLikeJwt('swo_ab12cd34_xyz')).toBe(false);
    expect(looksLikeJwt('a.b')).toBe(false);
    expect(looksLikeJwt('a.b.c.d')).toBe(false);
  });

  it('renders a WWW-Authenticate challenge naming resource_metadata', () => {
    expect(bearerChallenge({ resourceMetadataUrl: 'http://h/.well-known/oauth-protected-resource' })).toBe(
      'Bearer resource_metadata="http://h/.well-known/oauth-protected-resource"',
    );
    expect(
      bearerChallenge({
        resourceMetadataUrl: 'u',
        error: 'invalid_token',
        description: 'the token has "expired"',
      }),
    ).toBe('Bearer resource_metadata="u", error="invalid_token", error_description="the token has expired"');
  });
});
