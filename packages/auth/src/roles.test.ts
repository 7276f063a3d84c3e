import { describe, expect, it } from 'vitest';
import type { Role } from '@swarmops/contracts';
import type { Principal } from './principal.js';
import { authorizeTool, filterByStacks, roleAllows, stackAllowed } from './roles.js';

const principal = (role: Role, stacks: string[] | null = null): Principal => ({
  id: `token:swo_${role}`,
  kind: 'token',
  role,
  stacks,
});

/** The error `fn` throws (fails the test when it does not throw). */
function caught(fn: () => void): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('roles', () => {
  it('orders viewer < operator < admin', () => {
    const table: [Role, Role, boolean][] = [
      ['viewer', 'viewer', true],
      ['viewer', 'operator', false],
      ['viewer', 'admin', false],
      ['operator', 'viewer', true],
      ['operator', 'operator', true],
      ['operator', 'admin', false],
      ['admin', 'viewer', true],
      ['admin', 'operator', true],
      ['admin', 'admin', true],
    ];
    for (const [role, required, allowed] of table) expect(roleAllows(role, required)).toBe(allowed);
  });

  it('refuses a role that is too low, naming the role needed', () => {
    const err = caught(() => authorizeTool(principal('viewer'), { requiredRole: 'operator' }));
    expect(err).toMatchObject({ code: 'FORBIDDEN' });
    expect((err as Error).message).toContain('needs the operator role');
    expect(() => authorizeTool(principal('operator'), { requiredRole: 'operator' })).not.toThrow();
  });

  it('keeps stack-scoped principals to their stacks', () => {
    const scoped = principal('operator', ['shop', 'blog']);
    expect(() => authorizeTool(scoped, { requiredRole: 'operator', stack: 'shop' })).not.toThrow();
    const err = caught(() => authorizeTool(scoped, { requiredRole: 'operator', stack: 'billing' }));
    expect(err).toMatchObject({ code: 'FORBIDDEN' });
    expect((err as Error).message).toContain('limited to stacks shop, blog');
    expect(caught(() => authorizeTool(scoped, { requiredRole: 'viewer', stack: null }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(() => authorizeTool(scoped, { requiredRole: 'viewer' })).not.toThrow();
  });

  it('lets unscoped principals touch every stack', () => {
    expect(stackAllowed(principal('viewer'), 'anything')).toBe(true);
    expect(stackAllowed(principal('viewer'), null)).toBe(true);
    expect(stackAllowed(principal('viewer', ['a']), null)).toBe(false);
  });

  it('filters list results down to the principal stacks', () => {
    const items = [
      { name: 'shop_web', stack: 'shop' },
      { name: 'billing_api', stack: 'billing' },
      { name: 'standalone', stack: null },
    ];
    const get = (i: { stack: string | null }) => i.stack;
    expect(filterByStacks(principal('viewer', ['shop']), items, get).map((i) => i.name)).toEqual([
      'shop_web',
    ]);
    expect(filterByStacks(principal('viewer'), items, get)).toHaveLength(3);
  });
});
