import { describe, expect, it } from 'vitest';

import { parseComposeYaml } from './parse-yaml.js';

function issuesOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return (error as { code: string; details: { issues: unknown } }).details.issues;
  }
  throw new Error('expected a throw');
}

describe('parseComposeYaml', () => {
  it('parses a mapping', () => {
    expect(parseComposeYaml('services:\n  a:\n    image: x\n')).toEqual({ services: { a: { image: 'x' } } });
  });

  it('reports a syntax error with line and column', () => {
    const issues = issuesOf(() => parseComposeYaml('services:\n  a: [\n')) as {
      path: string;
      message: string;
    }[];
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toMatch(/^line \d+, column \d+$/);
    expect(issues[0]?.message).toContain('YAML syntax error');
  });

  it('refuses a top level that is not a mapping', () => {
    expect(issuesOf(() => parseComposeYaml('- a\n- b\n'))).toEqual([
      { path: '(top level)', message: 'top-level object must be a mapping' },
    ]);
    expect(issuesOf(() => parseComposeYaml(''))).toEqual([
      { path: '(top level)', message: 'top-level object must be a mapping' },
    ]);
  });

  it('refuses a list or mapping used as a key, naming where', () => {
    expect(issuesOf(() => parseComposeYaml('services:\n  ? [complex, key]\n  : 1\n'))).toEqual([
      { path: 'line 2, column 5', message: 'mapping keys must be scalars, not lists or mappings' },
    ]);
  });

  it('refuses duplicate keys', () => {
    expect(issuesOf(() => parseComposeYaml('a: 1\na: 2\n'))).toHaveLength(1);
  });

  it('refuses an alias bomb', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      lines.push(
        `${next}: &${next} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
      );
    }
    expect(issuesOf(() => parseComposeYaml(lines.join('\n')))).toHaveLength(1);
  });

  it('refuses a huge document', () => {
    expect(issuesOf(() => parseComposeYaml(`x: "${'a'.repeat(1024 * 1024 + 1)}"`))).toEqual([
      { path: '(file)', message: 'larger than 1048576 bytes' },
    ]);
  });

  it('reads leading-zero integers as octal, like docker', () => {
    expect(parseComposeYaml('mode: 0440\nother: 0o440\nplain: 440\nhex: 0x10\n')).toEqual({
      mode: 0o440,
      other: 0o440,
      plain: 440,
      hex: 16,
    });
  });

  it('supports merge keys', () => {
    expect(parseComposeYaml('x: &x {a: 1}\ny:\n  <<: *x\n  b: 2\n')).toEqual({
      x: { a: 1 },
      y: { a: 1, b: 2 },
    });
  });
});
