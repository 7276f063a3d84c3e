import { isAppError } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { checkControlCharacters } from './control-characters.js';

function messageOf(config: Record<string, unknown>): string {
  try {
    checkControlCharacters(config);
  } catch (error) {
    if (isAppError(error)) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('checkControlCharacters', () => {
  it('names the value holding a control character', () => {
    expect(messageOf({ services: { app: { image: 'busybox\u0000' } } })).toBe(
      'services.app.image: contains a control character',
    );
  });

  it('names a key holding one, escaped', () => {
    expect(messageOf({ services: { app: { environment: { 'A\u0000': 'x' } } } })).toBe(
      'services.app.environment.A\\u0000: key contains a control character',
    );
  });

  it('accepts tabs and newlines, and anything in config or secret content', () => {
    expect(
      messageOf({
        services: { app: { command: 'a\tb\nc' } },
        secrets: { key: { content: '\u0000\u0001binary' } },
      }),
    ).toBe('accepted');
  });
});
