import { describe, expect, it } from 'vitest';
import { decideConfirmation } from './confirmation.js';
import type { ConfirmationChannel } from './confirmation.js';

const question = 'Remove stack shop and everything in it?';
const decide = (confirmArg: unknown, channel: ConfirmationChannel) =>
  decideConfirmation({ tool: 'remove_stack', question, confirmArg, channel });

describe('decideConfirmation', () => {
  it('refuses a client that cannot elicit without confirm: true, naming the field and the question', () => {
    for (const confirmArg of [undefined, false, 'true', 1]) {
      const d = decide(confirmArg, { canElicit: false, answer: 'none' });
      expect(d.kind).toBe('refuse');
      if (d.kind !== 'refuse') continue;
      expect(d.error.code).toBe('INVALID_REQUEST');
      expect(d.error.message).toContain('`confirm: true`');
      expect(d.error.message).toContain(question);
      expect(d.error.details).toMatchObject({ field: 'confirm', reason: 'confirmation_required' });
    }
  });

  it('proceeds for a client that cannot elicit when confirm is true', () => {
    expect(decide(true, { canElicit: false, answer: 'none' })).toEqual({ kind: 'proceed' });
  });

  it('asks a client that can elicit, even when the model passed confirm: true', () => {
    expect(decide(undefined, { canElicit: true, answer: 'none' })).toEqual({ kind: 'ask', question });
    expect(decide(true, { canElicit: true, answer: 'none' })).toEqual({ kind: 'ask', question });
  });

  it('proceeds on an accepted answer and refuses a declined one as FORBIDDEN', () => {
    expect(decide(undefined, { canElicit: true, answer: 'accepted' })).toEqual({ kind: 'proceed' });
    const declined = decide(true, { canElicit: true, answer: 'declined' });
    expect(declined.kind).toBe('refuse');
    if (declined.kind === 'refuse') {
      expect(declined.error.code).toBe('FORBIDDEN');
      expect(declined.error.message).toMatch(/declined .*nothing was changed/);
    }
  });

  it('ignores an answer the client sent without being able to elicit', () => {
    expect(decide(undefined, { canElicit: false, answer: 'accepted' }).kind).toBe('refuse');
  });
});
