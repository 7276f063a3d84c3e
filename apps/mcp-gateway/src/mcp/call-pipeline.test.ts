import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, ErrorCode, ROLES_ASCENDING } from '@swarmops/contracts';
import type { Role } from '@swarmops/contracts';
import { defineTool, READ_ONLY } from '../tools/tool.js';
import type { ToolContext, ToolDefinition } from '../tools/tool.js';
import { ConfirmationRequest, runToolCall } from './call-pipeline.js';
import type { CallDeps } from './call-pipeline.js';
import type { ToolResult } from './tool-result.js';
import type { AuditRecord, CallerPrincipal } from './ports.js';

const viewer: CallerPrincipal = {
  id: 'token:swo_v',
  kind: 'token',
  tokenId: 't1',
  role: 'viewer',
  stacks: null,
};

function harness(
  options: { principal?: CallerPrincipal | AppError; limited?: boolean; runError?: unknown } = {},
) {
  const audit: AuditRecord[] = [];
  const runs: unknown[] = [];
  const steps: string[] = [];
  let clock = 1000;
  const tool = defineTool({
    name: 'probe',
    title: 'Probe',
    description: 'test tool',
    input: z.strictObject({ stack: z.string().max(10).optional(), n: z.number().int().optional() }),
    output: z.object({ echoed: z.unknown() }),
    annotations: READ_ONLY,
    requiredRole: 'operator',
    calls: [],
    stackOf: (a) => a.stack,
    run: (args) => {
      steps.push('run');
      runs.push(args);
      clock += 7;
      if (options.runError !== undefined)
        return Promise.reject(options.runError instanceof Error ? options.runError : new Error('run failed'));
      return Promise.resolve({ echoed: args });
    },
    render: () => 'ok',
  });
  const principal = options.principal ?? { ...viewer, role: 'operator' as Role };
  const deps: CallDeps = {
    security: {
      authenticate: () => {
        steps.push('authenticate');
        return principal instanceof AppError ? Promise.reject(principal) : Promise.resolve(principal);
      },
      rateLimit: () => {
        steps.push('rateLimit');
        if (options.limited) throw new AppError(ErrorCode.UNAVAILABLE, 'rate limit exceeded');
      },
      authorize: (p, r) => {
        steps.push(`authorize:${r.stack ?? '-'}`);
        if (ROLES_ASCENDING.indexOf(p.role) < ROLES_ASCENDING.indexOf(r.requiredRole))
          throw new AppError(ErrorCode.FORBIDDEN, 'role too low');
        if (r.stack !== undefined && p.stacks !== null && (r.stack === null || !p.stacks.includes(r.stack)))
          throw new AppError(ErrorCode.FORBIDDEN, 'stack out of scope');
      },
      record: (e) => {
        steps.push('record');
        audit.push(e);
        return Promise.resolve();
      },
    },
    context: (p) => ({ principal: p }) as unknown as ToolContext,
    now: () => clock,
    traceId: 'abc',
    onAuditFailure: () => undefined,
  };
  return { tool, deps, audit, runs, steps };
}

/** Runs a call that must settle with a tool result (not a confirmation request). */
async function call(h: { deps: CallDeps; tool: ToolDefinition }, args: unknown): Promise<ToolResult> {
  const outcome = await runToolCall(h.deps, h.tool, args);
  if (outcome instanceof ConfirmationRequest) throw new Error(`unexpected confirmation: ${outcome.question}`);
  return outcome;
}

describe('runToolCall', () => {
  it('runs authenticate, rate limit, authorize, call, audit in that order and returns structured output', async () => {
    const h = harness();
    const result = await call(h, { n: 1 });
    expect(h.steps).toEqual(['authenticate', 'rateLimit', 'authorize:-', 'run', 'record']);
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent).toEqual({ echoed: { n: 1 } });
    expect(h.audit).toEqual([
      expect.objectContaining({
        principal: 'token:swo_v',
        tokenId: 't1',
        tool: 'probe',
        decision: 'allowed',
        outcome: 'ok',
        errorCode: null,
        durationMs: 7,
        traceId: 'abc',
      }),
    ]);
  });

  it('refuses an unknown field naming it, without calling the tool, and audits once', async () => {
    const h = harness();
    const result = await call(h, { colour: 'blue' });
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/^INVALID_REQUEST: invalid field `colour`: unknown field/);
    expect(h.runs).toEqual([]);
    expect(h.audit).toHaveLength(1);
    expect(h.audit[0]).toMatchObject({ decision: 'allowed', outcome: 'error', errorCode: 'INVALID_REQUEST' });
  });

  it('refuses a wrong type and a huge string naming each field', async () => {
    const h = harness();
    const result = await call(h, { n: 'x', stack: 'y'.repeat(100_000) });
    const text = result.content[0]?.text ?? '';
    expect(text).toMatch(/^INVALID_REQUEST: /);
    expect(text).toContain('`n`');
    expect(text).toContain('`stack`');
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(h.runs).toEqual([]);
  });

  it('denies an unauthenticated caller as anonymous and records the denial', async () => {
    const h = harness({
      principal: new AppError(ErrorCode.UNAUTHORIZED, 'unauthorized: the token has expired'),
    });
    const result = await call(h, {});
    expect(result.content[0]?.text).toBe('UNAUTHORIZED: unauthorized: the token has expired');
    expect(h.steps).toEqual(['authenticate', 'record']);
    expect(h.audit[0]).toMatchObject({
      principal: 'anonymous',
      decision: 'denied',
      outcome: 'denied',
      errorCode: 'UNAUTHORIZED',
    });
  });

  it('denies a role below the requirement before validating or calling', async () => {
    const h = harness({ principal: viewer });
    const result = await call(h, { colour: 'blue' });
    expect(result.content[0]?.text).toMatch(/^FORBIDDEN: /);
    expect(h.runs).toEqual([]);
    expect(h.audit[0]).toMatchObject({ decision: 'denied', errorCode: 'FORBIDDEN' });
  });

  it('denies a stack outside the principal scope before calling', async () => {
    const h = harness({ principal: { ...viewer, role: 'operator', stacks: ['shop'] } });
    expect((await call(h, { stack: 'shop' })).isError).toBeUndefined();
    const refused = await call(h, { stack: 'bank' });
    expect(refused.content[0]?.text).toMatch(/^FORBIDDEN: stack out of scope/);
    expect(h.runs).toHaveLength(1);
    expect(h.audit.map((e) => e.decision)).toEqual(['allowed', 'denied']);
  });

  it('refuses a caller over the rate limit without calling', async () => {
    const h = harness({ limited: true });
    const result = await call(h, {});
    expect(result.content[0]?.text).toMatch(/^UNAVAILABLE: rate limit/);
    expect(h.runs).toEqual([]);
    expect(h.audit).toHaveLength(1);
  });

  it('returns a service error as an isError result starting with its code', async () => {
    const h = harness({ runError: new AppError(ErrorCode.NOT_FOUND, 'service x not found') });
    const result = await call(h, {});
    expect(result).toEqual({
      content: [{ type: 'text', text: 'NOT_FOUND: service x not found' }],
      isError: true,
    });
    expect(h.audit[0]).toMatchObject({ decision: 'allowed', outcome: 'error', errorCode: 'NOT_FOUND' });
  });

  it('reports an unexpected failure as INTERNAL without its message', async () => {
    const h = harness({ runError: new Error('pg password=hunter2 rejected') });
    const result = await call(h, {});
    expect(result.content[0]?.text).toBe('INTERNAL: internal error');
  });

  it('withholds the result and answers UNAVAILABLE when the audit write fails, reporting the failure', async () => {
    const h = harness();
    const failures: AuditRecord[] = [];
    h.deps.security.record = () => Promise.reject(new Error('db down'));
    h.deps.onAuditFailure = (_e, entry) => failures.push(entry);
    const result = await call(h, {});
    expect(h.runs).toHaveLength(1);
    expect(failures).toHaveLength(1);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    const first = result.content[0] as { text: string };
    expect(first.text).toMatch(/^UNAVAILABLE: the audit log could not be written/);
  });
});
