import { describe, expect, it } from 'vitest';
import type { ToolContext } from '../tools/tool.js';
import type { CallerPrincipal } from './ports.js';
import { targetStack } from './target-stack.js';

const unscoped: CallerPrincipal = { id: 'token:a', kind: 'token', role: 'operator', stacks: null };
const scoped: CallerPrincipal = { ...unscoped, stacks: ['shop'] };
const ctx = {} as ToolContext;

function lookup(stack: string | null) {
  const seen: unknown[] = [];
  return {
    seen,
    resolveStack: (args: unknown) => {
      seen.push(args);
      return Promise.resolve(stack);
    },
  };
}

describe('targetStack', () => {
  it('takes the stack the arguments name, without a lookup', async () => {
    const l = lookup('bank');
    const tool = { stackOf: (a: unknown) => (a as { name: string }).name, resolveStack: l.resolveStack };
    expect(await targetStack(tool, { name: 'shop' }, scoped, ctx)).toBe('shop');
    expect(l.seen).toEqual([]);
  });

  it('looks the stack up for a stack-scoped caller only', async () => {
    const l = lookup('bank');
    expect(await targetStack({ resolveStack: l.resolveStack }, { service: 'bank_api' }, scoped, ctx)).toBe(
      'bank',
    );
    expect(await targetStack({ resolveStack: l.resolveStack }, { service: 'bank_api' }, unscoped, ctx)).toBe(
      undefined,
    );
    expect(l.seen).toEqual([{ service: 'bank_api' }]);
  });

  it('reports an object outside every stack as null, and a tool without a target as undefined', async () => {
    expect(await targetStack({ resolveStack: lookup(null).resolveStack }, {}, scoped, ctx)).toBeNull();
    expect(await targetStack({}, {}, scoped, ctx)).toBeUndefined();
  });
});
