import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK, core, tracing } from '@opentelemetry/sdk-node';

/** Options of {@link startTracing}. */
export interface TracingOptions {
  /** `service.name` of every span; `OTEL_SERVICE_NAME` from the config when set, else the service's name. */
  serviceName: string;
  /** OTLP/HTTP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`, e.g. `http://jaeger:4318`); spans go to `<endpoint>/v1/traces`. */
  endpoint?: string;
  /**
   * A span exporter to use instead of OTLP, e.g. an `InMemorySpanExporter` in tests. Each span is
   * exported as it ends, without batching; `await flush()` before reading the exporter.
   */
  exporter?: tracing.SpanExporter;
}

/** What {@link startTracing} returns. */
export interface Tracing {
  /** Whether an SDK was started (an endpoint or an exporter was given). */
  readonly enabled: boolean;
  /** Export every ended span now. */
  flush(): Promise<void>;
  /** Flush, stop the SDK and unregister the global tracer provider, context manager and propagator. */
  shutdown(): Promise<void>;
}

const DISABLED: Tracing = {
  enabled: false,
  flush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/**
 * Start the OpenTelemetry NodeSDK for traces only (no OTel metrics or logs: metrics are prom-client's),
 * with the W3C trace-context propagator. It does nothing and returns `enabled: false` unless an
 * `endpoint` or an `exporter` is given. Call it first in `main`; register its `shutdown` last so
 * spans from the other closers are still exported.
 *
 * @example
 * ```ts
 * const tracing = startTracing({ serviceName: 'inventory', endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
 * shutdown.add('tracing', () => tracing.shutdown());
 * ```
 */
export function startTracing({ serviceName, endpoint, exporter }: TracingOptions): Tracing {
  if (exporter === undefined && endpoint === undefined) return DISABLED;
  const spanProcessor =
    exporter !== undefined
      ? new tracing.SimpleSpanProcessor(exporter)
      : new tracing.BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(endpoint ?? '') }));
  const sdk = new NodeSDK({
    serviceName,
    spanProcessors: [spanProcessor],
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
    textMapPropagator: new core.W3CTraceContextPropagator(),
  });
  sdk.start();
  let stopped: Promise<void> | undefined;
  return {
    enabled: true,
    flush: () => spanProcessor.forceFlush(),
    shutdown: () => {
      stopped ??= sdk.shutdown().finally(() => {
        trace.disable();
        context.disable();
        propagation.disable();
      });
      return stopped;
    },
  };
}

function tracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}/v1/traces`;
}
