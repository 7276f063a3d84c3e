import { describe, expect, it } from 'vitest';
import { REDACTED, redactArguments } from './redact.js';

describe('redactArguments', () => {
  it('redacts secret-looking keys at any depth and keeps the rest', () => {
    const out = redactArguments({
      service: 'api',
      replicas: 3,
      env: { DB_PASSWORD: 'hunter2' },
      nested: [{ apiKey: 'k', name: 'x' }, { clientSecret: 's' }],
      options: { Authorization: 'Bearer abc', accessToken: 't', credentials: { u: 'p' } },
    });
    expect(out).toEqual({
      service: 'api',
      replicas: 3,
      env: REDACTED,
      nested: [{ apiKey: REDACTED, name: 'x' }, { clientSecret: REDACTED }],
      options: { Authorization: REDACTED, accessToken: REDACTED, credentials: REDACTED },
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|Bearer abc/);
  });

  it('masks password-style pairs inside strings such as compose files', () => {
    const compose =
      'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: s3cret\n      API_TOKEN=abc123\n';
    const out = redactArguments({ compose }) as { compose: string };
    expect(out.compose).not.toMatch(/s3cret|abc123/);
    expect(out.compose).toContain(`POSTGRES_PASSWORD: ${REDACTED}`);
  });

  it('truncates huge strings and long arrays, saying how much was dropped', () => {
    const out = redactArguments({
      text: 'a'.repeat(5000),
      list: Array.from({ length: 150 }, (_, i) => i),
    }) as {
      text: string;
      list: unknown[];
    };
    expect(out.text).toHaveLength(2048 + '…[truncated 2952 chars]'.length);
    expect(out.text.endsWith('…[truncated 2952 chars]')).toBe(true);
    expect(out.list).toHaveLength(101);
    expect(out.list[100]).toBe('…[50 more items]');
  });

  it('survives cycles, deep nesting and odd values without throwing', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(redactArguments(cyclic)).toEqual({ a: 1, self: '[circular]' });
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(JSON.stringify(redactArguments(deep))).toContain('[nested too deep]');
    expect(redactArguments(undefined)).toBeNull();
    expect(redactArguments({ n: 10n })).toEqual({ n: '10' });
  });
});
