import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import { createHttpApp } from './http-app.js';
import { createMetrics } from './metrics.js';
import type { ReadinessCheck } from './readiness.js';

function appWith(checks: Record<string, ReadinessCheck> = {}) {
  return createHttpApp({
    service: 'inventory',
    registry: createMetrics({ service: 'inventory' }),
    checks,
    checkTimeoutMs: 50,
  });
}

const never: ReadinessCheck = () => new Promise<void>(() => undefined);

describe('createHttpApp', () => {
  it('answers /healthz with 200 ok', async () => {
    const res = await appWith({ nats: () => Promise.reject(new Error('down')) }).request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', service: 'inventory' });
  });

  it('answers /readyz with 200 when every check passes', async () => {
    const res = await appWith({ nats: () => Promise.resolve(), postgres: () => Promise.resolve() }).request(
      '/readyz',
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { nats: 'ok', postgres: 'ok' } });
  });

  it('answers /readyz with 503 naming the check that failed', async () => {
    const app = appWith({
      nats: () => Promise.reject(new Error('connection refused')),
      postgres: () => Promise.resolve(),
    });
    const res = await app.request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'not-ready',
      checks: { nats: 'down: connection refused', postgres: 'ok' },
    });
  });

  it('answers /readyz with 503 when a check outlives its timeout, and aborts it', async () => {
    let aborted = false;
    const hanging: ReadinessCheck = (signal) => {
      signal.addEventListener('abort', () => (aborted = true));
      return never(signal);
    };
    const res = await appWith({ docker: hanging }).request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'not-ready',
      checks: { docker: 'down: timed out after 50ms' },
    });
    expect(aborted).toBe(true);
  });

  it('counts a check that throws synchronously as down', async () => {
    const res = await appWith({
      broken: () => {
        throw new Error('boom');
      },
    }).request('/readyz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ checks: { broken: 'down: boom' } });
  });

  it('serves /metrics in the Prometheus text format with the service label', async () => {
    const res = await appWith().request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toMatch(/process_cpu_user_seconds_total\{service="inventory"\} \d/);
  });

  it('maps errors to JSON responses in one place', async () => {
    const app = appWith();
    app.get('/conflict', () => {
      throw new HttpError('CONFLICT', 'stack web is being deployed');
    });
    app.get('/app-error', () => {
      throw Object.assign(new Error('no such node'), { code: 'NOT_FOUND', details: { id: 'n1' } });
    });
    app.get('/bug', () => {
      throw new Error('secret internals');
    });
    const conflict = await app.request('/conflict');
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'stack web is being deployed' },
    });
    const appError = await app.request('/app-error');
    expect(appError.status).toBe(404);
    expect(await appError.json()).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no such node', details: { id: 'n1' } },
    });
    const bug = await app.request('/bug');
    expect(bug.status).toBe(500);
    expect(await bug.json()).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'internal error' } });
  });

  it('answers unknown routes with 404 NOT_FOUND', async () => {
    const res = await appWith().request('/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no route for GET /nope' },
    });
  });
});
