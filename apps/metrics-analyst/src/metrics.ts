import { Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** What a request asked for. */
export type AnalysisKind = 'analyze' | 'query' | 'service-usage';

/** metrics-analyst's own metrics (the exporter's swarm_* series are registered by the exporter). */
export interface AnalystMetrics {
  /** Records one answered request: its kind, `ok` or the error code, and its wall time in seconds. */
  observeAnalysis(kind: AnalysisKind, outcome: string, seconds: number): void;
}

/** Creates the analyst's metrics on `registry`. */
export function createAnalystMetrics(registry: Registry): AnalystMetrics {
  const duration = new Histogram({
    name: 'metrics_analysis_duration_seconds',
    help: 'Wall time of one analyze, query or service-usage request, Prometheus queries included, by kind and outcome (ok or the error code: UNAVAILABLE when Prometheus is down), in seconds.',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return {
    observeAnalysis(kind, outcome, seconds) {
      duration.observe({ kind, outcome }, seconds);
    },
  };
}
