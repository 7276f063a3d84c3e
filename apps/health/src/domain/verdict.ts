import type { CheckResult, HealthStatus } from '@swarmops/contracts';

/**
 * The verdict over a set of results: a critical `fail` makes it `unhealthy`; any other `fail`, or any
 * `warn`, makes it `degraded`; otherwise `healthy`.
 */
export function verdictOf(checks: readonly CheckResult[]): HealthStatus {
  if (checks.some((c) => c.status === 'fail' && c.severity === 'critical')) return 'unhealthy';
  if (checks.some((c) => c.status !== 'ok')) return 'degraded';
  return 'healthy';
}

/** How many results are ok, warn and fail. */
export function countStatuses(checks: readonly CheckResult[]): { ok: number; warn: number; fail: number } {
  const counts = { ok: 0, warn: 0, fail: 0 };
  for (const check of checks) counts[check.status] += 1;
  return counts;
}
