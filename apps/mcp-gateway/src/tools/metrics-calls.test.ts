import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '@swarmops/contracts';
import { targetStack } from '../mcp/target-stack.js';
import type { CallerPrincipal } from '../mcp/ports.js';
import { analyzeMetrics } from './analyze-metrics.js';
import { getServiceUsage } from './get-service-usage.js';
import { analysisStack, analyzeOptions, promqlForbidden, queryOptions } from './metrics-calls.js';
import { queryMetrics } from './query-metrics.js';
import type { ToolContext } from './tool.js';

const viewer: CallerPrincipal = { id: 'token:swo_v', kind: 'token', role: 'viewer', stacks: null };
const scoped: CallerPrincipal = { ...viewer, stacks: ['shop', 'blog'] };
const ctxOf = (principal: CallerPrincipal) => ({ principal, timeoutMs: 5_000 }) as ToolContext;
const stacksOfServices: Record<string, string | null> = { shop_api: 'shop', bank_api: 'bank', loose: null };
const lookups: string[] = [];
const lookup = (_ctx: ToolContext, service: string) => {
  lookups.push(service);
  return Promise.resolve(stacksOfServices[service] ?? null);
};

describe('metrics tools: stack scope', () => {
  it("authorizes analyze_metrics by the named stack, the service's stack, or the caller's own stacks", async () => {
    const ctx = ctxOf(scoped);
    expect(await analysisStack({}, ctx, lookup)).toBe('shop');
    expect(await analysisStack({ stack: 'blog' }, ctx, lookup)).toBe('blog');
    expect(await analysisStack({ stack: 'bank' }, ctx, lookup)).toBe('bank');
    expect(await analysisStack({ service: 'shop_api' }, ctx, lookup)).toBe('shop');
    expect(await analysisStack({ service: 'bank_api' }, ctx, lookup)).toBe('bank');
    expect(await analysisStack({ service: 'loose' }, ctx, lookup)).toBeNull();
    // A stack outside the scope is refused by its name without a lookup; one inside still checks the service.
    lookups.length = 0;
    expect(await analysisStack({ stack: 'bank', service: 'shop_api' }, ctx, lookup)).toBe('bank');
    expect(lookups).toEqual([]);
    expect(await analysisStack({ stack: 'shop', service: 'bank_api' }, ctx, lookup)).toBe('bank');
    expect(lookups).toEqual(['bank_api']);
  });

  it('names the stack of analyze_metrics from the arguments only when no service is named', async () => {
    const args = analyzeMetrics.input.parse({ stack: 'shop' });
    expect(await targetStack(analyzeMetrics, args, viewer, ctxOf(viewer))).toBe('shop');
    const both = analyzeMetrics.input.parse({ stack: 'shop', service: 'x' });
    expect(analyzeMetrics.stackOf?.(both)).toBeUndefined();
    // Unscoped callers pay no lookup.
    expect(
      await targetStack(analyzeMetrics, analyzeMetrics.input.parse({}), viewer, ctxOf(viewer)),
    ).toBeUndefined();
  });

  it('refuses query_metrics to any stack-scoped caller, naming why, and lets an unscoped one through', async () => {
    const args = queryMetrics.input.parse({ promql: 'up' });
    await expect(targetStack(queryMetrics, args, scoped, ctxOf(scoped))).rejects.toMatchObject({
      code: ErrorCode.FORBIDDEN,
      message: expect.stringContaining('cannot be limited to stacks') as unknown,
      details: { reason: 'stack_scope', stacks: ['shop', 'blog'] },
    });
    expect(await targetStack(queryMetrics, args, viewer, ctxOf(viewer))).toBeUndefined();
    expect(promqlForbidden(['shop'])).toBeInstanceOf(AppError);
    expect(queryMetrics.description).toContain('Not available to a token scoped to stacks');
  });

  it('checks get_service_usage by the service, and every tool needs only the viewer role and reads', () => {
    expect(getServiceUsage.resolveStack).toBeDefined();
    expect(getServiceUsage.stackOf).toBeUndefined();
    for (const tool of [analyzeMetrics, queryMetrics, getServiceUsage]) {
      expect(tool.requiredRole, tool.name).toBe('viewer');
      expect(tool.annotations, tool.name).toEqual({
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      });
    }
  });
});

describe('metrics tools: arguments and timeouts', () => {
  it('takes exactly the fixed analyze_metrics arguments, with defaults, and names a bad field', () => {
    expect(analyzeMetrics.input.parse({})).toEqual({ focus: 'all', window: '1h' });
    const bad = analyzeMetrics.input.safeParse({ window: '10y' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['window']);
    expect(analyzeMetrics.input.safeParse({ limit: 3 }).success).toBe(false);
    expect(analyzeMetrics.input.safeParse({ focus: 'disk' }).error?.issues[0]?.path).toEqual(['focus']);
  });

  it('takes query_metrics times as RFC 3339 or unix seconds and a step as a duration or seconds', () => {
    const parse = (a: unknown) => queryMetrics.input.safeParse(a);
    expect(
      parse({ promql: 'up', start: '2026-11-28T01:00:00Z', end: 1_795_000_000, step: '15s' }).success,
    ).toBe(true);
    expect(parse({ promql: 'up', step: 30 }).success).toBe(true);
    expect(parse({ promql: '' }).error?.issues[0]?.path).toEqual(['promql']);
    expect(parse({ promql: 'up', start: 'yesterday' }).error?.issues[0]?.path).toEqual(['start']);
    expect(parse({ promql: 'up', rate: 1 }).success).toBe(false);
  });

  it('waits longer than the default request timeout for analyses and queries', () => {
    const signal = new AbortController().signal;
    expect(analyzeOptions({ timeoutMs: 5_000, signal }).timeoutMs).toBe(60_000);
    expect(analyzeOptions({ timeoutMs: 90_000, signal }).timeoutMs).toBe(90_000);
    expect(queryOptions({ timeoutMs: 5_000, signal }).timeoutMs).toBe(20_000);
  });
});
