import { z } from 'zod';
import { envPort, envUrlList } from './env-schemas.js';

/** Log levels accepted by `LOG_LEVEL`, most to least verbose, plus `silent`. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The unprefixed variables every Swarmops service shares. Extend it with the service's own
 * variables, and give `HTTP_PORT` the service's default port:
 *
 * @example
 * ```ts
 * export const ConfigSchema = CommonConfigSchema.extend({ HTTP_PORT: envPort().default(7071) });
 * export type Config = z.infer<typeof ConfigSchema>;
 * ```
 */
export const CommonConfigSchema = z.object({
  /** NATS server URL, or a comma-separated list for a cluster (`nats://`, `tls://`, `ws://`, `wss://`). */
  NATS_URL: envUrlList(['nats', 'tls', 'ws', 'wss']).default('nats://127.0.0.1:4222'),
  /** PostgreSQL connection string; only services that keep state need it. May carry a password: never log it. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }).optional(),
  /** Docker Engine address (`unix:///var/run/docker.sock`, `tcp://host:2376`); unset means the local socket. */
  DOCKER_HOST: z
    .url({ protocol: /^(unix|tcp|http|https|npipe|ssh)$/, error: 'expected a unix://, tcp:// or ssh:// URL' })
    .optional(),
  /** Minimum pino log level. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** OTLP/HTTP base URL (e.g. `http://jaeger:4318`); tracing is on only when this is set. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
    .optional(),
  /** Overrides the service name reported in traces; defaults to the service's own name. */
  OTEL_SERVICE_NAME: z.string().trim().min(1).optional(),
  /** Port of the health and metrics HTTP listener; each service extends this with its default port. */
  HTTP_PORT: envPort().optional(),
  /** Interface the HTTP listener binds to; loopback by default, `0.0.0.0` inside a container. */
  HTTP_HOST: z.string().trim().min(1).default('127.0.0.1'),
});

/** The parsed {@link CommonConfigSchema}. */
export type CommonConfig = z.infer<typeof CommonConfigSchema>;
