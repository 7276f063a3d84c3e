import { describe, expect, it } from 'vitest';
import { envWholeNumber } from './env-schemas.js';

describe('envWholeNumber', () => {
  const seconds = envWholeNumber('seconds', { min: 1, max: 60 });

  it('reads a whole number within its bounds', () => {
    expect(seconds.parse(' 30 ')).toBe(30);
    expect(envWholeNumber('files').parse('0')).toBe(0);
  });

  it('names the unit in every refusal', () => {
    const message = (text: string) => seconds.safeParse(text).error?.issues[0]?.message;
    expect(message('1.5')).toBe('expected a whole number of seconds');
    expect(message('-1')).toBe('expected a whole number of seconds');
    expect(message('0')).toBe('expected at least 1 seconds');
    expect(message('61')).toBe('expected at most 60 seconds');
  });
});
