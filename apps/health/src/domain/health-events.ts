import { createEvent, HealthEventType } from '@swarmops/contracts';
import type { EventEnvelope, EventFactoryDeps, HealthReport, HealthStatus } from '@swarmops/contracts';
import type { CheckTransition } from './run-outcome.js';
import { verdictEventKind } from './transitions.js';

/** The `source` of every health event. */
export const HEALTH_EVENT_SOURCE = 'health';

/**
 * The events of one cluster-wide run: one `health.check.failed|recovered` per transition, then
 * `health.degraded|recovered` when the verdict changed that way.
 */
export function runEvents(
  deps: EventFactoryDeps,
  clusterId: string,
  report: HealthReport,
  transitions: readonly CheckTransition[],
  verdictChange: { previous: HealthStatus | null; status: HealthStatus } | null,
): EventEnvelope[] {
  const events = transitions.map((t) =>
    createEvent(deps, {
      type: t.kind === 'failed' ? HealthEventType.checkFailed : HealthEventType.checkRecovered,
      source: HEALTH_EVENT_SOURCE,
      clusterId,
      data: { reportId: report.reportId, check: t.check, previous: t.previous, reason: t.reason },
    }),
  );
  const verdict = verdictEventKind(verdictChange);
  if (verdict !== null && verdictChange !== null) {
    events.push(
      createEvent(deps, {
        type: verdict === 'degraded' ? HealthEventType.degraded : HealthEventType.recovered,
        source: HEALTH_EVENT_SOURCE,
        clusterId,
        data: {
          reportId: report.reportId,
          status: report.status,
          previous: verdictChange.previous,
          problems: report.checks.filter((c) => c.status !== 'ok'),
        },
      }),
    );
  }
  return events;
}
