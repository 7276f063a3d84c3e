import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { CheckResult, HealthReport, HealthStatus } from '@swarmops/contracts';

/** Health's metrics, registered on the service's registry. */
export interface HealthMetrics {
  /** Counts one run: its checks, its duration and (cluster-wide runs) the verdict. */
  observeRun(report: HealthReport): void;
  /** Counts a run that could not complete (no snapshot, database down...). */
  observeFailure(scope: string, trigger: string, seconds: number): void;
}

const STATUSES: HealthStatus[] = ['healthy', 'degraded', 'unhealthy'];

/** Creates the health metrics on `registry`. */
export function createHealthMetrics(registry: Registry): HealthMetrics {
  const registers = [registry];
  const checks = new Counter({
    name: 'health_checks_total',
    help: 'Check results produced by health runs, by check id and status (ok, warn, fail).',
    labelNames: ['check', 'status'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'health_run_duration_seconds',
    help: 'Wall time of a health run from the snapshot to the stored report, by scope (cluster, node, service, stack), trigger (interval, on-demand, event) and outcome (healthy, degraded, unhealthy, error), in seconds.',
    labelNames: ['scope', 'trigger', 'outcome'] as const,
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const verdict = new Gauge({
    name: 'health_verdict',
    help: 'The verdict of the last cluster-wide run: 1 on its status label (healthy, degraded, unhealthy), 0 on the others.',
    labelNames: ['status'] as const,
    registers,
  });
  return {
    observeRun(report) {
      for (const check of report.checks as CheckResult[])
        checks.inc({ check: check.id, status: check.status });
      duration.observe(
        { scope: report.scope, trigger: report.trigger, outcome: report.status },
        report.durationMs / 1000,
      );
      if (report.scope !== 'cluster') return;
      for (const status of STATUSES) verdict.set({ status }, status === report.status ? 1 : 0);
    },
    observeFailure(scope, trigger, seconds) {
      duration.observe({ scope, trigger, outcome: 'error' }, seconds);
    },
  };
}
