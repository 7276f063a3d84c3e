import type { HealthReport, HealthScope, HealthTrigger } from '@swarmops/contracts';
import type { CheckStateRepo } from '../adapters/check-state-repo.js';
import type { ReportsRepo } from '../adapters/reports-repo.js';
import type { SnapshotSource } from '../adapters/snapshot-source.js';
import type { Analyzer, AnalyzerSettings } from '../domain/analyzer.js';
import { runEvents } from '../domain/health-events.js';
import { runAnalyzers } from '../domain/run-analyzers.js';
import type { RunOutcome } from '../domain/run-outcome.js';
import { computeTransitions, subjectLookup } from '../domain/transitions.js';
import { countStatuses } from '../domain/verdict.js';
import type { HealthMetrics } from '../metrics.js';

/** What one run needs. */
export interface RunHealthDeps {
  snapshots: SnapshotSource;
  analyzers: readonly Analyzer[];
  settings: AnalyzerSettings;
  reports: ReportsRepo;
  states: CheckStateRepo;
  metrics: HealthMetrics;
  now: () => Date;
  newId: () => string;
}

/** A run's request: the `check.run` fields. */
export interface RunRequest {
  scope: HealthScope;
  target?: string | undefined;
}

/**
 * One run: snapshot → analyzers → report. A scoped run is stored and returned. A cluster-wide run is stored
 * in the same transaction as the new check states and the events of its transitions, and yields the
 * {@link RunOutcome} the listeners get.
 */
export async function runHealth(
  deps: RunHealthDeps,
  request: RunRequest,
  trigger: HealthTrigger,
): Promise<{ report: HealthReport; outcome: RunOutcome | null }> {
  const started = performance.now();
  try {
    const snapshot = await deps.snapshots.take();
    const now = deps.now();
    const analysis = runAnalyzers(deps.analyzers, snapshot, { now, settings: deps.settings }, request);
    const report: HealthReport = {
      status: analysis.status,
      checkedAt: now.toISOString(),
      checks: analysis.checks,
      reportId: deps.newId(),
      scope: analysis.scope.scope,
      target: analysis.scope.target,
      trigger,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      counts: countStatuses(analysis.checks),
    };
    if (report.scope !== 'cluster') {
      await deps.reports.insert(snapshot.clusterId, report);
      deps.metrics.observeRun(report);
      return { report, outcome: null };
    }
    const subjectExists = subjectLookup(snapshot);
    const write = await deps.states.commitClusterRun(snapshot.clusterId, report, (previous) => {
      const result = computeTransitions({
        previous: previous.states,
        previousVerdict: previous.verdict,
        checks: report.checks,
        status: report.status,
        subjectExists,
        now,
      });
      const events = runEvents(
        { newId: deps.newId, now: deps.now },
        snapshot.clusterId,
        report,
        result.transitions,
        result.verdictChange,
      );
      return { ...result, verdict: report.status, events };
    });
    deps.metrics.observeRun(report);
    const outcome: RunOutcome = {
      report,
      snapshot,
      transitions: write.transitions,
      verdictChange: write.verdictChange,
      failing: write.failing,
    };
    return { report, outcome };
  } catch (err) {
    deps.metrics.observeFailure(request.scope, trigger, (performance.now() - started) / 1000);
    throw err;
  }
}
