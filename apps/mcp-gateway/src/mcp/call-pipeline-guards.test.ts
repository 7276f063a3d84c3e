import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, ErrorCode } from '@swarmops/contracts';
import { defineTool } from '../tools/tool.js';
import type { ToolContext } from '../tools/tool.js';
import { ConfirmationRequest, runToolCall } from './call-pipeline.js';
import type { CallDeps } from './call-pipeline.js';
import type { ConfirmationChannel } from './confirmation.js';
import type { AuditRecord, CallerPrincipal } from './ports.js';

// The pipeline pieces #5 added: the stack of a service resolved before the scope check, and the
// confirmation of destructive calls, both before anything is requested.

const operator: CallerPrincipal = { id: 'token:swo_o', kind: 'token', role: 'operator', stacks: null };

function harness(principal: CallerPrincipal, channel?: ConfirmationChannel) {
  const audit: AuditRecord[] = [];
  const steps: string[] = [];
  const tool = defineTool({
    name: 'scale_probe',
    title: 'Scale probe',
    description: 'test tool',
    input: z.strictObject({
      service: z.string(),
      replicas: z.number().int(),
      confirm: z.boolean().optional(),
    }),
    output: z.object({ ok: z.boolean() }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    requiredRole: 'operator',
    calls: [],
    resolveStack: (args) => {
      steps.push(`resolve:${args.service}`);
      if (args.service === 'ghost') return Promise.reject(new AppError(ErrorCode.NOT_FOUND, 'no ghost'));
      return Promise.resolve(
        args.service.startsWith('shop_') ? 'shop' : args.service === 'loose' ? null : 'bank',
      );
    },
    confirmation: (args) => (args.replicas === 0 ? `Scale ${args.service} to 0?` : undefined),
    run: () => {
      steps.push('run');
      return Promise.resolve({ ok: true });
    },
    render: () => 'ok',
  });
  const deps: CallDeps = {
    security: {
      authenticate: () => Promise.resolve(principal),
      rateLimit: () => undefined,
      authorize: (p, r) => {
        steps.push(`authorize:${String(r.stack)}`);
        if (r.stack !== undefined && p.stacks !== null && (r.stack === null || !p.stacks.includes(r.stack)))
          throw new AppError(ErrorCode.FORBIDDEN, 'stack out of scope');
      },
      record: (e) => {
        audit.push(e);
        return Promise.resolve();
      },
    },
    context: () => ({}) as ToolContext,
    now: () => 0,
    traceId: null,
    onAuditFailure: () => undefined,
    confirmation: channel,
  };
  return { tool, deps, audit, steps, run: (args: unknown) => runToolCall(deps, tool, args) };
}

const textOf = (outcome: unknown) => (outcome as { content: { text: string }[] }).content[0]?.text ?? '';

describe('call pipeline: stack resolution', () => {
  it("resolves a service's stack for a scoped caller and refuses another stack before running", async () => {
    const h = harness({ ...operator, stacks: ['shop'] });
    expect(textOf(await h.run({ service: 'shop_api', replicas: 2 }))).toBe('ok');
    expect(textOf(await h.run({ service: 'bank_api', replicas: 2 }))).toMatch(
      /^FORBIDDEN: stack out of scope/,
    );
    expect(textOf(await h.run({ service: 'loose', replicas: 2 }))).toMatch(/^FORBIDDEN: /);
    expect(h.steps.filter((s) => s === 'run')).toHaveLength(1);
    expect(h.audit.map((e) => [e.decision, e.outcome])).toEqual([
      ['allowed', 'ok'],
      ['denied', 'denied'],
      ['denied', 'denied'],
    ]);
  });

  it('does not look anything up for an unscoped caller', async () => {
    const h = harness(operator);
    await h.run({ service: 'bank_api', replicas: 2 });
    expect(h.steps).toEqual(['authorize:undefined', 'run']);
  });

  it('reports a failed lookup as the error it is (allowed, not a denial), without running', async () => {
    const h = harness({ ...operator, stacks: ['shop'] });
    expect(textOf(await h.run({ service: 'ghost', replicas: 1 }))).toBe('NOT_FOUND: no ghost');
    expect(h.audit[0]).toMatchObject({ decision: 'allowed', outcome: 'error', errorCode: 'NOT_FOUND' });
    expect(h.steps).not.toContain('run');
  });
});

describe('call pipeline: confirmation', () => {
  it('refuses a destructive call without confirm, audited as denied, and runs it with confirm: true', async () => {
    const h = harness(operator);
    const refused = await h.run({ service: 'shop_api', replicas: 0 });
    expect(textOf(refused)).toMatch(/^INVALID_REQUEST: invalid field `confirm`: scale_probe is destructive/);
    expect(h.steps).not.toContain('run');
    expect(textOf(await h.run({ service: 'shop_api', replicas: 0, confirm: true }))).toBe('ok');
    expect(textOf(await h.run({ service: 'shop_api', replicas: 3 }))).toBe('ok');
    expect(h.audit.map((e) => [e.decision, e.outcome, e.errorCode])).toEqual([
      ['denied', 'denied', 'INVALID_REQUEST'],
      ['allowed', 'ok', null],
      ['allowed', 'ok', null],
    ]);
  });

  it('asks a client that can elicit, unaudited, and audits the answered round once', async () => {
    const asking = harness(operator, { canElicit: true, answer: 'none' });
    const outcome = await asking.run({ service: 'shop_api', replicas: 0, confirm: true });
    expect(outcome).toEqual(new ConfirmationRequest('Scale shop_api to 0?'));
    expect(asking.audit).toEqual([]);
    expect(asking.steps).not.toContain('run');

    const accepted = harness(operator, { canElicit: true, answer: 'accepted' });
    expect(textOf(await accepted.run({ service: 'shop_api', replicas: 0 }))).toBe('ok');
    expect(accepted.audit).toHaveLength(1);

    const declined = harness(operator, { canElicit: true, answer: 'declined' });
    expect(textOf(await declined.run({ service: 'shop_api', replicas: 0 }))).toMatch(
      /^FORBIDDEN: the user declined/,
    );
    expect(declined.steps).not.toContain('run');
    expect(declined.audit.map((e) => e.decision)).toEqual(['denied']);
  });

  it('checks the stack scope before asking anyone', async () => {
    const h = harness({ ...operator, stacks: ['shop'] }, { canElicit: true, answer: 'none' });
    expect(textOf(await h.run({ service: 'bank_api', replicas: 0 }))).toMatch(
      /^FORBIDDEN: stack out of scope/,
    );
  });
});
