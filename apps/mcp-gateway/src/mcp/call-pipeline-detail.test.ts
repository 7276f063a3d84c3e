import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, ErrorCode } from '@swarmops/contracts';
import { defineTool } from '../tools/tool.js';
import type { ToolContext } from '../tools/tool.js';
import { ConfirmationRequest, runToolCall } from './call-pipeline.js';
import type { CallDeps } from './call-pipeline.js';
import type { ConfirmationChannel } from './confirmation.js';
import type { AuditRecord, CallerPrincipal } from './ports.js';

// A destructive tool's confirmation detail (restore_backup's plan): read only when the user is about to
// be asked or the model told to ask them, appended to the question; its failure changes nothing.

const admin: CallerPrincipal = { id: 'token:swo_a', kind: 'token', role: 'admin', stacks: null };

function harness(channel?: ConfirmationChannel) {
  const audit: AuditRecord[] = [];
  const steps: string[] = [];
  const tool = defineTool({
    name: 'restore_probe',
    title: 'Restore probe',
    description: 'test tool',
    input: z.strictObject({ id: z.string(), confirm: z.boolean().optional() }),
    output: z.object({ ok: z.boolean() }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    requiredRole: 'admin',
    calls: [],
    confirmation: (args) => `Restore ${args.id}?`,
    confirmationDetail: (args) => {
      steps.push('detail');
      if (args.id === 'bad')
        return Promise.reject(new AppError(ErrorCode.INVALID_REQUEST, 'damaged archive'));
      return Promise.resolve('plan: 2 create');
    },
    run: () => {
      steps.push('run');
      return Promise.resolve({ ok: true });
    },
    render: () => 'ok',
  });
  const deps: CallDeps = {
    security: {
      authenticate: () => Promise.resolve(admin),
      rateLimit: () => undefined,
      authorize: () => undefined,
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
  return { audit, steps, run: (args: unknown) => runToolCall(deps, tool, args) };
}

const textOf = (outcome: unknown) => (outcome as { content: { text: string }[] }).content[0]?.text ?? '';

describe('call pipeline: confirmation detail', () => {
  it('puts the detail into the refusal of a call without confirm, and skips it with confirm: true', async () => {
    const h = harness();
    const refused = textOf(await h.run({ id: 'b1' }));
    expect(refused).toMatch(/^INVALID_REQUEST: invalid field `confirm`/);
    expect(refused).toContain('Restore b1?\nplan: 2 create');
    expect(textOf(await h.run({ id: 'b1', confirm: true }))).toBe('ok');
    expect(h.steps).toEqual(['detail', 'run']);
    expect(h.audit.map((e) => [e.decision, e.outcome])).toEqual([
      ['denied', 'denied'],
      ['allowed', 'ok'],
    ]);
  });

  it('asks a client that can elicit with the detail, and reads no detail for the accepted retry', async () => {
    const ask = harness({ canElicit: true, answer: 'none' });
    const outcome = await ask.run({ id: 'b1' });
    expect(outcome).toBeInstanceOf(ConfirmationRequest);
    expect((outcome as ConfirmationRequest).question).toBe('Restore b1?\nplan: 2 create');
    expect(ask.audit).toEqual([]);
    const yes = harness({ canElicit: true, answer: 'accepted' });
    expect(textOf(await yes.run({ id: 'b1' }))).toBe('ok');
    expect(yes.steps).toEqual(['run']);
    const no = harness({ canElicit: true, answer: 'declined' });
    expect(textOf(await no.run({ id: 'b1' }))).toMatch(/^FORBIDDEN: the user declined/);
    expect(no.steps).toEqual([]);
  });

  it('fails the call with the detail error (audited as an error) before asking, running nothing', async () => {
    const h = harness({ canElicit: true, answer: 'none' });
    expect(textOf(await h.run({ id: 'bad' }))).toBe('INVALID_REQUEST: damaged archive');
    expect(h.steps).toEqual(['detail']);
    expect(h.audit.map((e) => [e.decision, e.outcome, e.errorCode])).toEqual([
      ['allowed', 'error', 'INVALID_REQUEST'],
    ]);
  });
});
