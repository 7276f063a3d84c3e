import type { CheckResult, CheckStatus, HealthStatus } from '@swarmops/contracts';
import type { RunOutcome } from '../domain/run-outcome.js';

/** Why an alert goes out: a check entered `fail`, is still failing at the resend interval, or recovered. */
export type AlertKind = 'failed' | 'still-failing' | 'recovered';

/** One check to tell the webhooks about. */
export interface Alert {
  kind: AlertKind;
  /** `<id>|<subject>`. */
  key: string;
  check: CheckResult;
  /** ISO time the check entered `fail` (null for a recovery the runtime no longer tracks). */
  since: string | null;
  previous: CheckStatus | null;
  /** For a recovery: `gone` when the subject left the cluster. */
  reason: 'changed' | 'gone' | null;
}

/** What one run's webhook call carries. */
export interface AlertBatch {
  clusterId: string;
  reportId: string;
  checkedAt: string;
  status: HealthStatus;
  verdictChange: { previous: HealthStatus | null; status: HealthStatus } | null;
  alerts: Alert[];
}

/** When each key was last alerted in this process, per kind family (`fail` and `recovered`). */
export type SentLog = Map<string, Date>;

const sentKey = (key: string, kind: AlertKind) => `${kind === 'recovered' ? 'recovered' : 'fail'}|${key}`;

function recent(at: Date | null | undefined, now: Date, resendSeconds: number): boolean {
  return at != null && now.getTime() - at.getTime() < resendSeconds * 1000;
}

/**
 * The alerts of one run, deduped to one per check key per `resendSeconds`: a `failed` transition, a check
 * still failing whose last alert (persisted `lastAlertAt`, or this process's log) is older than the
 * interval, and a recovery. Pure; `sent` is only read.
 */
export function planAlerts(
  outcome: RunOutcome,
  sent: ReadonlyMap<string, Date>,
  now: Date,
  resendSeconds: number,
): AlertBatch {
  const alerts: Alert[] = [];
  const seen = new Set<string>();
  const allowed = (key: string, kind: AlertKind, persisted: Date | null) =>
    !seen.has(key) &&
    !recent(persisted, now, resendSeconds) &&
    !recent(sent.get(sentKey(key, kind)), now, resendSeconds);
  const failing = new Map(outcome.failing.map((f) => [`${f.check.id}|${f.check.subject}`, f]));

  for (const t of outcome.transitions) {
    const state = failing.get(t.key);
    const persisted = state?.lastAlertAt ? new Date(state.lastAlertAt) : null;
    if (!allowed(t.key, t.kind, t.kind === 'failed' ? persisted : null)) continue;
    seen.add(t.key);
    alerts.push({
      kind: t.kind,
      key: t.key,
      check: t.check,
      since: state?.since ?? null,
      previous: t.previous,
      reason: t.kind === 'recovered' ? t.reason : null,
    });
  }
  for (const [key, f] of failing) {
    if (!allowed(key, 'still-failing', f.lastAlertAt ? new Date(f.lastAlertAt) : null)) continue;
    seen.add(key);
    alerts.push({
      kind: 'still-failing',
      key,
      check: f.check,
      since: f.since,
      previous: 'fail',
      reason: null,
    });
  }
  return {
    clusterId: outcome.snapshot.clusterId,
    reportId: outcome.report.reportId,
    checkedAt: outcome.report.checkedAt,
    status: outcome.report.status,
    verdictChange: outcome.verdictChange,
    alerts,
  };
}

/** Notes that the alerts of a batch went out at `at` (what {@link planAlerts} reads next time). */
export function logSent(sent: SentLog, alerts: readonly Alert[], at: Date): void {
  for (const alert of alerts) sent.set(sentKey(alert.key, alert.kind), at);
}
