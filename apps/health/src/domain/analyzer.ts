import type { CheckResult } from '@swarmops/contracts';
import type { ClusterSnapshot } from './snapshot.js';

/** Thresholds the analyzers use. Defaults in {@link DEFAULT_ANALYZER_SETTINGS}. */
export interface AnalyzerSettings {
  /** Restarts of one service within `crashLoopWindowSeconds` that make a crash loop. */
  crashLoopRestarts: number;
  crashLoopWindowSeconds: number;
  /** A task pending longer than this is reported with the scheduler's reason. */
  pendingGraceSeconds: number;
  /** Secrets and configs older than this should be rotated (the seed asks for 90 days). */
  objectMaxAgeDays: number;
  /** A certificate expiring within these many days warns / fails. */
  certWarnDays: number;
  certFailDays: number;
  /** Reservations above this share of a node's capacity warn; above 1 they fail. */
  reservationWarnRatio: number;
  /** Disk use above these shares warns / fails. */
  diskWarnRatio: number;
  diskFailRatio: number;
  /** A node whose status changed at least `flapCount` times within `flapWindowMinutes` is flapping. */
  flapCount: number;
  flapWindowMinutes: number;
}

export const DEFAULT_ANALYZER_SETTINGS: AnalyzerSettings = {
  crashLoopRestarts: 3,
  crashLoopWindowSeconds: 600,
  pendingGraceSeconds: 15,
  objectMaxAgeDays: 90,
  certWarnDays: 30,
  certFailDays: 7,
  reservationWarnRatio: 0.9,
  diskWarnRatio: 0.85,
  diskFailRatio: 0.95,
  flapCount: 3,
  flapWindowMinutes: 30,
};

/** What an analyzer gets besides the snapshot: the clock and the thresholds. */
export interface AnalyzerContext {
  now: Date;
  settings: AnalyzerSettings;
}

/**
 * One analyzer: a pure function over the snapshot. It returns one result per subject that is `warn` or
 * `fail`, and, when it found nothing wrong, a single `ok` result summarising what it looked at
 * (e.g. `service.replicas` ok on `cluster`: "all 42 services run every desired replica").
 */
export interface Analyzer {
  /** The check id every result carries, e.g. `service.crash-loop`. */
  id: string;
  /** What it checks, in a few words ("running replicas below desired"); used in docs and synthetic ok results. */
  title: string;
  /**
   * What its subjects are. A node- or service-scoped run shows an `ok` line for every analyzer of that kind
   * that found nothing about the target.
   */
  subjectKind: 'cluster' | 'node' | 'service' | 'object' | 'platform';
  analyze(snapshot: ClusterSnapshot, ctx: AnalyzerContext): CheckResult[];
}
