import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYZER_SETTINGS } from '../analyzer.js';
import { RECORDED_AT, service, serviceFixtures, tasksOf } from '../__fixtures__/services/load.js';
import { serviceReplicas } from './service-replicas.js';

const at = (seconds: number) => ({
  now: new Date(RECORDED_AT.getTime() + seconds * 1000),
  settings: DEFAULT_ANALYZER_SETTINGS,
});
const resultFor = (results: ReturnType<typeof serviceReplicas.analyze>, name: string) =>
  results.find((r) => r.subject === `service:${name}`);

describe('service.replicas', () => {
  it('is critical when a service runs 0 of its desired replicas, with the tasks that do not run', () => {
    const result = resultFor(serviceReplicas.analyze(serviceFixtures.faults(), at(0)), 'fx-constraint');
    expect(result).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(result?.message).toBe('fx-constraint is out of service: 0 of 1 replicas running');
    expect(result?.evidence).toMatchObject({ desired: 1, running: 0, recentFailures: 0 });
    expect(result?.fix).toContain('service.pending');
  });

  it('is high when some replicas run, and names the task error in the fix', () => {
    const result = resultFor(serviceReplicas.analyze(serviceFixtures.faults(), at(0)), 'fx-paused');
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result?.message).toBe('fx-paused runs 1 of 3 replicas');
    expect(result?.fix).toContain('task: non-zero exit (1)');
  });

  it('warns while a task waits for its first healthcheck within the healthcheck grace, and fails after', () => {
    // fx-starting: interval 600 s, 3 retries, timeout 30 s → grace (600 + 30) × 3 = 1890 s since 19:32:41.
    expect(resultFor(serviceReplicas.analyze(serviceFixtures.faults(), at(0)), 'fx-starting')).toMatchObject({
      status: 'warn',
      severity: 'low',
    });
    expect(
      resultFor(serviceReplicas.analyze(serviceFixtures.faults(), at(1900)), 'fx-starting'),
    ).toMatchObject({
      status: 'fail',
      severity: 'critical',
    });
  });

  it('warns during a rolling update that still runs something', () => {
    // Edited copy: one of fx-drift's three tasks is between versions.
    const snapshot = serviceFixtures.faults();
    service(snapshot, 'drift').replicas.running = 2;
    const result = resultFor(serviceReplicas.analyze(snapshot, at(0)), 'fx-drift');
    expect(result).toMatchObject({ status: 'warn', severity: 'low' });
    expect(result?.message).toContain('an update is in progress');
  });

  it('warns for a fresh service whose tasks are still being scheduled', () => {
    // Edited copy: fx-constraint's pending task was created 5 s ago.
    const snapshot = serviceFixtures.faults();
    const [task] = tasksOf(snapshot, 'constraint');
    task!.updatedAt = new Date(RECORDED_AT.getTime() - 5000).toISOString();
    expect(resultFor(serviceReplicas.analyze(snapshot, at(0)), 'fx-constraint')?.status).toBe('warn');
  });

  it('leaves jobs and services scaled to 0 alone', () => {
    const snapshot = serviceFixtures.faults();
    service(snapshot, 'constraint').spec['Mode'] = {
      ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 },
    };
    service(snapshot, 'resources').replicas = { desired: 0, running: 0 };
    const subjects = serviceReplicas.analyze(snapshot, at(0)).map((r) => r.subject);
    expect(subjects).not.toContain('service:fx-constraint');
    expect(subjects).not.toContain('service:fx-resources');
  });

  it('summarises what it looked at when nothing is short', () => {
    expect(serviceReplicas.analyze(serviceFixtures.healthy(), at(0))).toEqual([
      {
        id: 'service.replicas',
        status: 'ok',
        severity: 'info',
        subject: 'cluster',
        message: 'all 1 services with desired replicas run every desired replica',
        evidence: { services: 1 },
      },
    ]);
  });
});
