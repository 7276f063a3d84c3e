import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';
import type { LogLevel } from './common-config.js';

export type { Logger } from 'pino';

/** Keys whose values are replaced by `[redacted]` wherever they appear, up to three levels deep. */
export const REDACTED_KEYS = [
  'authorization',
  'Authorization',
  'cookie',
  'token',
  'accessToken',
  'refreshToken',
  'password',
  'secret',
  'apiKey',
] as const;

const REDACT_PATHS = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Service name, written as `service` on every line. */
  service: string;
  /** Minimum level; `LOG_LEVEL` from the config. */
  level?: LogLevel;
  /** Where lines go; stdout when omitted. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

/**
 * Create the service's root pino logger: JSON lines with `level` as a label, an ISO `time`,
 * `service` on every line, and secret-ish keys (authorization, token, password, secret, …) redacted.
 * Derive per-request or per-subject loggers with `logger.child({ subject, requestId, traceId })`.
 *
 * @example
 * ```ts
 * const logger = createLogger({ service: 'inventory', level: config.LOG_LEVEL });
 * logger.info({ nodes: 3 }, 'reconcile finished');
 * ```
 */
export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
