/**
 * `@swarmops/runtime`: what every Swarmops service runs on. Env config parsed with zod, a pino
 * logger, OpenTelemetry tracing over OTLP/HTTP, a prom-client registry, a hono app serving
 * `/healthz`, `/readyz` and `/metrics`, and a graceful shutdown bounded by a deadline.
 *
 * It depends on no other Swarmops package.
 *
 * @packageDocumentation
 */
export { ConfigError } from './config-error.js';
export type { ConfigIssue } from './config-error.js';
export { loadConfig } from './load-config.js';
export type { Env } from './load-config.js';
export { envBool, envDurationMs, envPort, envUrlList, envWholeNumber } from './env-schemas.js';
export { CommonConfigSchema, LOG_LEVELS } from './common-config.js';
export type { CommonConfig, LogLevel } from './common-config.js';
export { createLogger, REDACTED_KEYS } from './logger.js';
export type { Logger, LoggerOptions } from './logger.js';
export { startTracing } from './tracing.js';
export type { Tracing, TracingOptions } from './tracing.js';
export { createMetrics } from './metrics.js';
export type { MetricsOptions, Registry } from './metrics.js';
export { HTTP_STATUS_BY_CODE, HttpError, httpErrorBody, toHttpError } from './http-error.js';
export type { HttpErrorBody } from './http-error.js';
export { runReadinessChecks } from './readiness.js';
export type { CheckOutcome, ReadinessCheck, ReadinessReport } from './readiness.js';
export { createHttpApp } from './http-app.js';
export type { HttpAppOptions } from './http-app.js';
export { serveHttp } from './serve-http.js';
export type { HttpServerHandle, ServeHttpOptions } from './serve-http.js';
export { createShutdown } from './shutdown.js';
export type { Closer, Shutdown, ShutdownOptions, ShutdownReport } from './shutdown.js';
export { runMain, startServiceBase } from './service-base.js';
export type { ServiceBase, ServiceBaseOptions } from './service-base.js';
