import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_SETTINGS } from '../analyzer.js';
import { RECORDED_AT, service, serviceFixtures } from '../__fixtures__/services/load.js';
import { serviceUpdate } from './service-update.js';

const ctx = { now: RECORDED_AT, settings: DEFAULT_ANALYZER_SETTINGS };

describe('service.update', () => {
  it('fails a paused update with Docker message, its config and the failed tasks', () => {
    const results = serviceUpdate.analyze(serviceFixtures.faults(), ctx);
    expect(results.map((r) => r.subject)).toEqual(['service:fx-paused']);
    const [paused] = results;
    expect(paused).toMatchObject({ status: 'fail', severity: 'high' });
    expect(paused?.message).toMatch(/^fx-paused: its update is paused: update paused due to failure/);
    expect(paused?.evidence).toMatchObject({
      state: 'paused',
      startedAt: '2026-11-27T19:32:55.451295348Z',
      ageSeconds: 375,
      image: 'swarmops/busybox:fx',
      updateConfig: { FailureAction: 'pause', Parallelism: 1 },
    });
    expect((paused?.evidence?.['failedTasks'] as unknown[]).length).toBe(5);
    expect(paused?.fix).toContain('docker service update --force fx-paused');
    expect(paused?.fix).toContain('docker service rollback fx-paused');
  });

  it('warns about a rollback in progress or done, and says nothing of an update in progress', () => {
    // Edited copies of the recorded UpdateStatus.
    for (const [state, what] of [
      ['rollback_started', 'being rolled back'],
      ['rollback_completed', 'was rolled back'],
    ] as const) {
      const snapshot = serviceFixtures.faults();
      service(snapshot, 'paused').updateStatus = { state, message: 'rollback' };
      const [result] = serviceUpdate.analyze(snapshot, ctx);
      expect(result).toMatchObject({ status: 'warn', severity: 'medium', subject: 'service:fx-paused' });
      expect(result?.message).toContain(what);
    }
    const rollbackPaused = serviceFixtures.faults();
    service(rollbackPaused, 'paused').updateStatus = { state: 'rollback_paused' };
    expect(serviceUpdate.analyze(rollbackPaused, ctx)[0]).toMatchObject({ status: 'fail' });
  });

  it('reports ok on `cluster`, counting updates in progress', () => {
    const snapshot = serviceFixtures.faults();
    service(snapshot, 'paused').updateStatus = { state: 'completed' };
    expect(serviceUpdate.analyze(snapshot, ctx)).toMatchObject([
      {
        status: 'ok',
        subject: 'cluster',
        message: 'no update of 9 services is paused or rolled back (1 in progress)',
      },
    ]);
  });
});
