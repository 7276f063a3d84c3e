// Test-only: RunOutcomes built from the recorded service fixtures' results.
import type { CheckResult } from '@swarmops/contracts';
import { checkKey } from '@swarmops/contracts';
import type { CheckTransition, FailingCheck, RunOutcome } from '../domain/run-outcome.js';
import { serviceFixtures } from '../domain/__fixtures__/services/load.js';

/** A failing check as the recorded fx-crash service produced it. */
export const CRASH: CheckResult = {
  id: 'service.crash-loop',
  status: 'fail',
  severity: 'high',
  subject: 'service:fx-crash',
  message: 'fx-crash restarted 4 tasks in the last 600 s: task: non-zero exit (3)',
  evidence: { restarts: 4, exitCodes: [3] },
  fix: 'read `docker service logs --tail 50 fx-crash`',
};

export const PAUSED: CheckResult = {
  id: 'service.update',
  status: 'fail',
  severity: 'high',
  subject: 'service:fx-paused',
  message: 'fx-paused: its update is paused',
  fix: '`docker service update --force fx-paused`',
};

/** A run at `checkedAt` with the given transitions and failing checks. */
export function outcome(options: {
  checkedAt: string;
  failed?: CheckResult[];
  recovered?: Array<{ check: CheckResult; reason?: 'changed' | 'gone' }>;
  failing?: Array<{ check: CheckResult; since: string; lastAlertAt?: string | null }>;
}): RunOutcome {
  const failing: FailingCheck[] = (options.failing ?? []).map((f) => ({
    check: f.check,
    since: f.since,
    lastAlertAt: f.lastAlertAt ?? null,
  }));
  const checks = failing.map((f) => f.check);
  return {
    report: {
      status: checks.length > 0 ? 'degraded' : 'healthy',
      checkedAt: options.checkedAt,
      checks,
      reportId: '6f1f5b8e-3d1c-4d7e-9a51-0c2f8a0e4b11',
      scope: 'cluster',
      target: null,
      trigger: 'interval',
      durationMs: 12,
      counts: { ok: 0, warn: 0, fail: checks.length },
    },
    snapshot: serviceFixtures.healthy(),
    transitions: [
      ...(options.failed ?? []).map((check): CheckTransition => ({
        key: checkKey(check),
        kind: 'failed' as const,
        check,
        previous: 'ok',
        reason: 'changed' as const,
      })),
      ...(options.recovered ?? []).map(({ check, reason }): CheckTransition => ({
        key: checkKey(check),
        kind: 'recovered' as const,
        check: reason === 'gone' ? check : { ...check, status: 'ok' as const, severity: 'info' as const },
        previous: 'fail',
        reason: reason ?? ('changed' as const),
      })),
    ],
    verdictChange: null,
    failing,
  };
}
