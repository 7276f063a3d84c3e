import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, ErrorCode, isAppError, toAppError } from './errors.js';
import { formatPath, parseOrThrow } from './zod-issues.js';

describe('formatPath', () => {
  it('renders keys with dots and indexes with brackets', () => {
    expect(formatPath(['items', 2, 'resources', 'cpus'])).toBe('items[2].resources.cpus');
    expect(formatPath([])).toBe('(root)');
  });
});

describe('parseOrThrow', () => {
  const Schema = z.object({ service: z.string().min(1), replicas: z.number().int().min(0) });

  it('returns the parsed value', () => {
    expect(parseOrThrow(Schema, { service: 'api', replicas: 6 }, 'scale')).toEqual({
      service: 'api',
      replicas: 6,
    });
  });

  it('throws INVALID_REQUEST naming every bad field', () => {
    let caught: unknown;
    try {
      parseOrThrow(Schema, { service: '', replicas: -2 }, 'request to scale');
    } catch (err) {
      caught = err;
    }
    expect(isAppError(caught)).toBe(true);
    const err = caught as AppError;
    expect(err.code).toBe(ErrorCode.INVALID_REQUEST);
    expect(err.message).toMatch(/^request to scale: /);
    expect(err.message).toContain('`service`');
    expect(err.message).toContain('`replicas`');
    expect(err.toBody().details).toEqual({
      issues: [expect.objectContaining({ path: 'service' }), expect.objectContaining({ path: 'replicas' })],
    });
  });
});

describe('toAppError', () => {
  it('keeps AppErrors and turns anything else into INTERNAL without leaking the cause', () => {
    const own = new AppError('NOT_FOUND', 'gone');
    expect(toAppError(own)).toBe(own);
    const wrapped = toAppError(new Error('password=hunter2 in a stack trace'));
    expect(wrapped.code).toBe('INTERNAL');
    expect(JSON.stringify(wrapped.toBody())).not.toContain('hunter2');
  });
});
