import { describe, expect, it } from 'vitest';

import { interpolateString } from './interpolate-string.js';

const env: Record<string, string> = { SET: 'value', EMPTY: '', N: '3' };
const lookup = (name: string): string | undefined => (Object.hasOwn(env, name) ? env[name] : undefined);
const run = (text: string): string => interpolateString(text, lookup);

describe('interpolateString', () => {
  it('substitutes braced and unbraced variables', () => {
    expect(run('${SET}')).toBe('value');
    expect(run('$SET')).toBe('value');
    expect(run('a-$SET-b')).toBe('a-value-b');
    expect(run('$SET.x')).toBe('value.x');
    expect(run('${UNSET}|$UNSET')).toBe('|');
  });

  it('keeps $$ as a literal dollar and does not interpolate after it', () => {
    expect(run('$$')).toBe('$');
    expect(run('$${SET}')).toBe('${SET}');
    expect(run('$$SET')).toBe('$SET');
    expect(run('echo $$HOME and ${SET}')).toBe('echo $HOME and value');
  });

  it('applies :- only when unset or empty, - only when unset', () => {
    expect(run('${UNSET:-d}')).toBe('d');
    expect(run('${EMPTY:-d}')).toBe('d');
    expect(run('${SET:-d}')).toBe('value');
    expect(run('${UNSET-d}')).toBe('d');
    expect(run('${EMPTY-d}')).toBe('');
    expect(run('${UNSET:-}')).toBe('');
  });

  it('supports defaults with spaces, colons and nested variables', () => {
    expect(run('${UNSET:-a b:c}')).toBe('a b:c');
    expect(run('${UNSET:-${SET}}')).toBe('value');
    expect(run('${UNSET:-${ALSO_UNSET:-deep}}')).toBe('deep');
  });

  it('applies :+ and + replacements', () => {
    expect(run('${SET:+r}')).toBe('r');
    expect(run('${EMPTY:+r}')).toBe('');
    expect(run('${EMPTY+r}')).toBe('r');
    expect(run('${UNSET+r}')).toBe('');
  });

  it('fails on a missing required variable, naming it and the message', () => {
    expect(() => run('${UNSET:?must be set}')).toThrow(
      'required variable UNSET is missing a value: must be set',
    );
    expect(() => run('${EMPTY:?no}')).toThrow('required variable EMPTY is missing a value: no');
    expect(run('${EMPTY?no}')).toBe('');
    expect(() => run('${UNSET?}')).toThrow('required variable UNSET is missing a value');
    expect(run('${SET:?x}')).toBe('value');
  });

  it('rejects malformed expressions', () => {
    expect(() => run('${')).toThrow('without a closing');
    expect(() => run('${1A}')).toThrow('invalid interpolation');
    expect(() => run('${A B}')).toThrow('invalid interpolation');
    expect(() => run('cost $5')).toThrow('lone "$"');
    expect(() => run('end $')).toThrow('lone "$"');
  });
});
