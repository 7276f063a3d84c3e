import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@swarmops/contracts';
import { encodeJson } from '../codec.js';
import { silentLogger } from '../logger.js';
import { echoContract } from '../testing/echo-contract.fixture.js';
import { endpoint } from './endpoint.js';
import { handleRequest } from './handle-request.js';

const contract = echoContract('test.echo');
const ctx = { subject: contract.subject, headers: undefined, logger: silentLogger };

describe('handleRequest', () => {
  it('replies ok with the handler data for a valid request', async () => {
    const ep = endpoint(contract, (req) => ({ greeting: `hi ${req.name} x${req.count}` }));
    await expect(handleRequest(ep, encodeJson({ name: 'a', count: 2 }), ctx)).resolves.toEqual({
      ok: true,
      data: { greeting: 'hi a x2' },
    });
  });

  it('rejects a bad request naming the field and never calls the handler', async () => {
    const handler = vi.fn(() => ({ greeting: 'x' }));
    const reply = await handleRequest(endpoint(contract, handler), encodeJson({ name: 'a', count: 0 }), ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    if (reply.ok) throw new Error('expected failure');
    expect(reply.error.message).toContain('`count`');
    expect(reply.error.details).toEqual({ issues: [expect.objectContaining({ path: 'count' })] });
    expect(handler).not.toHaveBeenCalled();
  });

  it('treats a payload that is not JSON as INVALID_REQUEST', async () => {
    const handler = vi.fn(() => ({ greeting: 'x' }));
    const reply = await handleRequest(endpoint(contract, handler), new TextEncoder().encode('{nope'), ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('replies INTERNAL when the handler returns data that breaks the contract', async () => {
    const ep = endpoint(contract, () => ({ greeting: 42 }) as unknown as { greeting: string });
    const reply = await handleRequest(ep, encodeJson({ name: 'a', count: 1 }), ctx);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('passes an AppError code through and turns anything else into INTERNAL', async () => {
    const notFound = endpoint(contract, () => {
      throw new AppError('NOT_FOUND', 'no such thing', { details: { name: 'a' } });
    });
    await expect(handleRequest(notFound, encodeJson({ name: 'a', count: 1 }), ctx)).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no such thing', details: { name: 'a' } },
    });
    const crash = endpoint(contract, () => {
      throw new TypeError('secret internals');
    });
    await expect(handleRequest(crash, encodeJson({ name: 'a', count: 1 }), ctx)).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'internal error' },
    });
  });
});
