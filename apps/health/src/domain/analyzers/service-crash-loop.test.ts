import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_SETTINGS } from '../analyzer.js';
import { RECORDED_AT, serviceFixtures, tasksOf } from '../__fixtures__/services/load.js';
import { exitCodeOf, isUnhealthyError, serviceCrashLoop } from './service-crash-loop.js';

const ctx = { now: RECORDED_AT, settings: DEFAULT_ANALYZER_SETTINGS };
const subjects = (results: { subject: string; status: string }[]) =>
  results.filter((r) => r.status !== 'ok').map((r) => r.subject);

describe('service.crash-loop', () => {
  it('reports a service whose tasks keep exiting, with the exit codes and errors', () => {
    const result = serviceCrashLoop
      .analyze(serviceFixtures.faults(), ctx)
      .find((r) => r.subject === 'service:fx-crash');
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result?.evidence).toMatchObject({
      restarts: 4,
      windowSeconds: 600,
      exitCodes: [3],
      errors: ['task: non-zero exit (3)'],
      lastFailureAt: '2026-11-27T19:39:05.53234224Z',
    });
    expect(result?.message).toBe('fx-crash restarted 4 tasks in the last 600 s: task: non-zero exit (3)');
    expect(result?.fix).toContain('docker service logs --tail 50 fx-crash');
  });

  it('leaves healthcheck kills to service.healthcheck and counts a failing update', () => {
    const found = subjects(serviceCrashLoop.analyze(serviceFixtures.faults(), ctx));
    expect(found).not.toContain('service:fx-unhealthy');
    expect(found).toContain('service:fx-paused');
    expect(found).not.toContain('service:fx-ok');
  });

  it('forgets failures older than the window and needs crashLoopRestarts of them', () => {
    const later = { ...ctx, now: new Date(RECORDED_AT.getTime() + 3_600_000) };
    expect(serviceCrashLoop.analyze(serviceFixtures.faults(), later)).toMatchObject([
      { status: 'ok', subject: 'cluster' },
    ]);
    const strict = { ...ctx, settings: { ...DEFAULT_ANALYZER_SETTINGS, crashLoopRestarts: 5 } };
    expect(subjects(serviceCrashLoop.analyze(serviceFixtures.faults(), strict))).not.toContain(
      'service:fx-crash',
    );
  });

  it('recovers once each looping slot has run longer than its failure gaps and 30 s', () => {
    // Edited copy: after a fix, fx-crash's current task has been running since the recording.
    const snapshot = serviceFixtures.faults();
    const current = tasksOf(snapshot, 'crash').find((t) => t.desiredState === 'running')!;
    Object.assign(current, { state: 'running', updatedAt: RECORDED_AT.toISOString() });
    const at = (s: number) => ({ ...ctx, now: new Date(RECORDED_AT.getTime() + s * 1000) });
    expect(subjects(serviceCrashLoop.analyze(snapshot, at(10)))).toContain('service:fx-crash');
    expect(subjects(serviceCrashLoop.analyze(snapshot, at(31)))).not.toContain('service:fx-crash');
  });

  it('keeps counting while the slot task runs for less than its usual cycle', () => {
    // Edited copy: the slot's failures came 60 s apart, so 40 s of running proves nothing yet.
    const snapshot = serviceFixtures.faults();
    const tasks = tasksOf(snapshot, 'crash').sort(
      (a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt),
    );
    const failures = tasks.filter((t) => t.state === 'failed');
    failures.forEach(
      (t, i) =>
        (t.updatedAt = new Date(RECORDED_AT.getTime() - (failures.length - i) * 60_000).toISOString()),
    );
    const current = tasks.find((t) => t.desiredState === 'running')!;
    Object.assign(current, { state: 'running', updatedAt: RECORDED_AT.toISOString() });
    const at = (s: number) => ({ ...ctx, now: new Date(RECORDED_AT.getTime() + s * 1000) });
    expect(subjects(serviceCrashLoop.analyze(snapshot, at(40)))).toContain('service:fx-crash');
    expect(subjects(serviceCrashLoop.analyze(snapshot, at(61)))).not.toContain('service:fx-crash');
  });

  it('points at memory for exit 137 and at the image when it is missing', () => {
    // Edited copies of fx-crash's recorded failures.
    const oom = serviceFixtures.faults();
    for (const t of tasksOf(oom, 'crash')) if (t.error) t.error = 'task: non-zero exit (137)';
    expect(serviceCrashLoop.analyze(oom, ctx).find((r) => r.subject === 'service:fx-crash')?.fix).toContain(
      'limits.memory',
    );
    const image = serviceFixtures.faults();
    for (const t of tasksOf(image, 'crash'))
      if (t.error) Object.assign(t, { state: 'rejected', error: 'No such image: nope:1' });
    expect(serviceCrashLoop.analyze(image, ctx).find((r) => r.subject === 'service:fx-crash')?.fix).toContain(
      'image cannot be found',
    );
  });

  it('reads exit codes and healthcheck kills from task errors', () => {
    expect(exitCodeOf('task: non-zero exit (143): dockerexec: unhealthy container')).toBe(143);
    expect(exitCodeOf(null)).toBeNull();
    expect(isUnhealthyError('task: non-zero exit (143): dockerexec: unhealthy container')).toBe(true);
    expect(isUnhealthyError('task: non-zero exit (3)')).toBe(false);
  });
});
