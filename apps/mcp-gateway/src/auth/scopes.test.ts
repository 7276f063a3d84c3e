import { describe, expect, it } from 'vitest';
import { roleFromScopes, stacksFromClaim } from './scopes.js';

describe('OAuth scopes', () => {
  it('maps the highest swarmops scope to a role', () => {
    expect(roleFromScopes('swarmops:read')).toBe('viewer');
    expect(roleFromScopes('swarmops:viewer')).toBe('viewer');
    expect(roleFromScopes('swarmops:read swarmops:operator')).toBe('operator');
    expect(roleFromScopes('swarmops:admin swarmops:read')).toBe('admin');
    expect(roleFromScopes('openid profile')).toBeNull();
    expect(roleFromScopes(undefined)).toBeNull();
    expect(roleFromScopes(['swarmops:admin'])).toBeNull();
  });

  it('reads the stack claim as an array or a separated string', () => {
    expect(stacksFromClaim(['shop', 'blog', 'shop'])).toEqual(['shop', 'blog']);
    expect(stacksFromClaim('shop, blog')).toEqual(['shop', 'blog']);
    expect(stacksFromClaim('')).toBeNull();
    expect(stacksFromClaim(undefined)).toBeNull();
  });
});
