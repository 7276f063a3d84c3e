import { readFileSync } from 'node:fs';
import type { CommonConfig } from './common-config.js';
import { createLogger } from './logger.js';
import type { Logger } from './logger.js';
import { createMetrics } from './metrics.js';
import type { Registry } from './metrics.js';
import { createShutdown } from './shutdown.js';
import type { Shutdown } from './shutdown.js';
import { startTracing } from './tracing.js';

/** Options of {@link startServiceBase}. */
export interface ServiceBaseOptions {
  /** The service's name: logs, traces, metrics and the NATS micro service use it. */
  service: string;
  /** The parsed config (its common part: LOG_LEVEL and the OTEL variables). */
  config: Pick<CommonConfig, 'LOG_LEVEL' | 'OTEL_SERVICE_NAME' | 'OTEL_EXPORTER_OTLP_ENDPOINT'>;
  /** The service's package.json, e.g. `new URL('../package.json', import.meta.url)`. */
  packageJson: URL;
  /** Bound on the whole shutdown, in milliseconds (work in flight gets this long to finish). */
  shutdownDeadlineMs?: number;
}

/** What every service starts from. */
export interface ServiceBase {
  readonly version: string;
  readonly description: string;
  readonly logger: Logger;
  /** Closes what is added to it, in reverse order, on SIGINT/SIGTERM; tracing is already added. */
  readonly shutdown: Shutdown;
  /** The service's prom-client registry with the default process metrics. */
  readonly registry: Registry;
}

/**
 * The first lines of every service's `main.ts`: its version and description from package.json, the logger,
 * a graceful shutdown on signals, tracing (closed last) and the metrics registry.
 *
 * @example
 * const { version, description, logger, shutdown, registry } = startServiceBase({
 *   service: 'inventory', config, packageJson: new URL('../package.json', import.meta.url) });
 */
export function startServiceBase(options: ServiceBaseOptions): ServiceBase {
  const { version, description } = JSON.parse(readFileSync(options.packageJson, 'utf8')) as {
    version: string;
    description: string;
  };
  const logger = createLogger({ service: options.service, level: options.config.LOG_LEVEL });
  const shutdown = createShutdown({
    logger,
    ...(options.shutdownDeadlineMs === undefined ? {} : { deadlineMs: options.shutdownDeadlineMs }),
  });
  shutdown.onSignals();
  const tracing = startTracing({
    serviceName: options.config.OTEL_SERVICE_NAME ?? options.service,
    endpoint: options.config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  shutdown.add('tracing', () => tracing.shutdown());
  return { version, description, logger, shutdown, registry: createMetrics({ service: options.service }) };
}

/**
 * Runs a service's `main`; a failure to start is logged as fatal (`<service> failed to start`) and exits 1.
 */
export function runMain(service: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    createLogger({ service }).fatal({ err }, `${service} failed to start`);
    process.exit(1);
  });
}
