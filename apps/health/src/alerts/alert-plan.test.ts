import { describe, expect, it } from 'vitest';
import { logSent, planAlerts } from './alert-plan.js';
import type { SentLog } from './alert-plan.js';
import { CRASH, PAUSED, outcome } from './outcome-fixture.js';

const T0 = '2026-11-27T19:40:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000);
const HOUR = 3600;

describe('planAlerts', () => {
  it('alerts a check entering fail once, with since and previous', () => {
    const run = outcome({ checkedAt: T0, failed: [CRASH], failing: [{ check: CRASH, since: T0 }] });
    const batch = planAlerts(run, new Map(), at(0), HOUR);
    expect(batch.alerts).toEqual([
      {
        kind: 'failed',
        key: 'service.crash-loop|service:fx-crash',
        check: CRASH,
        since: T0,
        previous: 'ok',
        reason: null,
      },
    ]);
    expect(batch).toMatchObject({ status: 'degraded', reportId: run.report.reportId, checkedAt: T0 });
  });

  it('stays quiet while a check keeps failing within the resend interval, and reminds after it', () => {
    const sent: SentLog = new Map();
    const first = planAlerts(
      outcome({ checkedAt: T0, failed: [CRASH], failing: [{ check: CRASH, since: T0 }] }),
      sent,
      at(0),
      HOUR,
    );
    logSent(sent, first.alerts, at(0));
    const later = (s: number, lastAlertAt: string | null) =>
      planAlerts(
        outcome({ checkedAt: at(s).toISOString(), failing: [{ check: CRASH, since: T0, lastAlertAt }] }),
        sent,
        at(s),
        HOUR,
      ).alerts;
    expect(later(15, T0)).toEqual([]);
    expect(later(HOUR - 1, T0)).toEqual([]);
    expect(later(HOUR, T0)).toMatchObject([
      { kind: 'still-failing', key: 'service.crash-loop|service:fx-crash' },
    ]);
  });

  it('dedupes with the persisted lastAlertAt after a restart (empty in-memory log)', () => {
    const run = (lastAlertAt: string | null) =>
      outcome({ checkedAt: at(60).toISOString(), failing: [{ check: CRASH, since: T0, lastAlertAt }] });
    expect(planAlerts(run(T0), new Map(), at(60), HOUR).alerts).toEqual([]);
    expect(planAlerts(run(null), new Map(), at(60), HOUR).alerts).toMatchObject([{ kind: 'still-failing' }]);
  });

  it('dedupes with the in-memory log when lastAlertAt was not persisted (one alert per key per interval)', () => {
    const sent: SentLog = new Map();
    const run = outcome({ checkedAt: T0, failed: [CRASH], failing: [{ check: CRASH, since: T0 }] });
    logSent(sent, planAlerts(run, sent, at(0), HOUR).alerts, at(0));
    // The check flaps: recovered, then failed again within the hour.
    const flapped = outcome({
      checkedAt: at(30).toISOString(),
      failed: [CRASH],
      failing: [{ check: CRASH, since: at(30).toISOString() }],
    });
    expect(planAlerts(flapped, sent, at(30), HOUR).alerts).toEqual([]);
  });

  it('alerts a recovery, a gone subject included, and one alert per key in a run', () => {
    const run = outcome({
      checkedAt: T0,
      failed: [PAUSED],
      recovered: [{ check: CRASH, reason: 'gone' }],
      failing: [{ check: PAUSED, since: T0 }],
    });
    const alerts = planAlerts(run, new Map(), at(0), HOUR).alerts;
    expect(alerts.map((a) => `${a.kind} ${a.key}`)).toEqual([
      'failed service.update|service:fx-paused',
      'recovered service.crash-loop|service:fx-crash',
    ]);
    expect(alerts[1]).toMatchObject({ reason: 'gone', previous: 'fail', since: null });
  });

  it('dedupes recoveries separately from failures', () => {
    const sent: SentLog = new Map();
    logSent(
      sent,
      planAlerts(
        outcome({ checkedAt: T0, failed: [CRASH], failing: [{ check: CRASH, since: T0 }] }),
        sent,
        at(0),
        HOUR,
      ).alerts,
      at(0),
    );
    const recovered = planAlerts(
      outcome({ checkedAt: T0, recovered: [{ check: CRASH }] }),
      sent,
      at(10),
      HOUR,
    ).alerts;
    expect(recovered).toMatchObject([{ kind: 'recovered', check: { status: 'ok' } }]);
    logSent(sent, recovered, at(10));
    expect(
      planAlerts(outcome({ checkedAt: T0, recovered: [{ check: CRASH }] }), sent, at(20), HOUR).alerts,
    ).toEqual([]);
  });
});
