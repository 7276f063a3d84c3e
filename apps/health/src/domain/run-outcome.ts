import type { CheckResult, CheckStatus, HealthReport, HealthStatus } from '@swarmops/contracts';
import type { ClusterSnapshot } from './snapshot.js';

/** A check that entered or left `fail` in a cluster-wide run. */
export interface CheckTransition {
  /** `<id>|<subject>` (see `checkKey`). */
  key: string;
  kind: 'failed' | 'recovered';
  /** The new result; for a `gone` recovery, the last failing result. */
  check: CheckResult;
  previous: CheckStatus | null;
  reason: 'changed' | 'gone';
}

/** A check that is failing now, and since when (carried across runs and restarts). */
export interface FailingCheck {
  check: CheckResult;
  /** ISO time the check entered `fail`. */
  since: string;
  /** ISO time of the last alert sent for it, if any. */
  lastAlertAt: string | null;
}

/**
 * What one cluster-wide run produced, after the report was stored and its events written. Alerts and
 * self-healing react to it ({@link RunListener}). Scoped runs produce no outcome: they are stored but never
 * change check states.
 */
export interface RunOutcome {
  report: HealthReport;
  snapshot: ClusterSnapshot;
  transitions: CheckTransition[];
  /** Set when the verdict changed. */
  verdictChange: { previous: HealthStatus | null; status: HealthStatus } | null;
  failing: FailingCheck[];
}

/** Something that reacts to each cluster-wide run (alerts, healing). Its errors are logged, never thrown. */
export interface RunListener {
  name: string;
  afterRun(outcome: RunOutcome): Promise<void>;
}
