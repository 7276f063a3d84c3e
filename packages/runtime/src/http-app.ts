import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import { HttpError, httpErrorBody, toHttpError } from './http-error.js';
import type { Logger } from './logger.js';
import { runReadinessChecks } from './readiness.js';
import type { ReadinessCheck } from './readiness.js';

/** Options of {@link createHttpApp}. */
export interface HttpAppOptions {
  /** Service name, reported by `/healthz`. */
  service: string;
  /** The registry `/metrics` serves, from {@link createMetrics}. */
  registry: Registry;
  /** Named dependency checks `/readyz` runs, e.g. `{ nats, postgres }`. */
  checks?: Readonly<Record<string, ReadinessCheck>>;
  /** Per-check timeout of `/readyz`, in milliseconds. */
  checkTimeoutMs?: number;
  /** Logs failed readiness checks (warn) and unexpected route errors (error). */
  logger?: Logger;
}

/**
 * Create the service's hono app with its operational routes. Add the service's own routes to it.
 *
 * - `GET /healthz`: liveness, always `200 { status: 'ok', service }` while the process serves.
 * - `GET /readyz`: runs every check; `200 { status: 'ready', checks: { nats: 'ok' } }`, or
 *   `503 { status: 'not-ready', checks: { nats: 'down: <reason>' } }` when any fails or times out.
 * - `GET /metrics`: the registry in the Prometheus text format.
 *
 * Errors thrown by any route become JSON `{ ok: false, error: { code, message } }` in one place
 * (see {@link toHttpError}); unknown routes get `404 NOT_FOUND` the same way.
 */
export function createHttpApp({
  service,
  registry,
  checks = {},
  checkTimeoutMs = 2_000,
  logger,
}: HttpAppOptions): Hono {
  const app = new Hono();

  app.get('/healthz', (c) => c.json({ status: 'ok', service }));

  app.get('/readyz', async (c) => {
    const report = await runReadinessChecks(checks, checkTimeoutMs);
    if (report.ready) return c.json({ status: 'ready', checks: report.checks });
    logger?.warn({ checks: report.checks }, 'readiness check failed');
    return c.json({ status: 'not-ready', checks: report.checks }, 503);
  });

  app.get('/metrics', async (c) => {
    const text = await registry.metrics();
    return c.body(text, 200, { 'Content-Type': registry.contentType });
  });

  app.notFound((c) => {
    const httpError = new HttpError('NOT_FOUND', `no route for ${c.req.method} ${c.req.path}`);
    return c.json(httpErrorBody(httpError), httpError.status);
  });

  app.onError((err, c) => {
    const httpError = toHttpError(err);
    if (httpError.status >= 500) logger?.error({ err, path: c.req.path }, 'request failed');
    return c.json(httpErrorBody(httpError), httpError.status);
  });

  return app;
}
