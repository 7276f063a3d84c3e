import { describe, expect, it } from 'vitest';
import type { Task } from '@swarmops/contracts';
import { DEFAULT_ANALYZER_SETTINGS } from '../analyzer.js';
import { RECORDED_AT, service, serviceFixtures, tasksOf } from '../__fixtures__/services/load.js';
import { healthcheckOf, serviceHealthcheck, startingGraceSeconds } from './service-healthcheck.js';

const at = (seconds: number) => ({
  now: new Date(RECORDED_AT.getTime() + seconds * 1000),
  settings: DEFAULT_ANALYZER_SETTINGS,
});

describe('service.healthcheck', () => {
  it('reports tasks killed as unhealthy, with since when every task has been unhealthy', () => {
    const result = serviceHealthcheck
      .analyze(serviceFixtures.faults(), at(0))
      .find((r) => r.subject === 'service:fx-unhealthy');
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result?.evidence).toMatchObject({
      unhealthySlots: 1,
      slots: 1,
      allUnhealthyForSeconds: 55,
      currentTasks: 1,
      healthcheck: { test: ['CMD-SHELL', 'exit 1'], intervalSeconds: 2, retries: 2, timeoutSeconds: 2 },
      tasks: [
        {
          slot: '1',
          id: 'obznidop955qtabjgwjt5rped',
          unhealthySince: '2026-11-27T19:38:15.181176064Z',
          unhealthyForSeconds: 55,
          unhealthyKills: 4,
          lastError: 'task: non-zero exit (143): dockerexec: unhealthy container',
        },
      ],
    });
    expect(result?.fix).toContain(`sh -c 'exit 1'`);
    expect(result?.fix).toContain('docker service update --force fx-unhealthy');
  });

  it('counts a task stuck in starting only after start_period + (interval + timeout) × retries', () => {
    const grace = startingGraceSeconds(healthcheckOf(service(serviceFixtures.faults(), 'starting')));
    expect(grace).toBe(1890);
    const subjects = (s: number) =>
      serviceHealthcheck.analyze(serviceFixtures.faults(), at(s)).map((r) => r.subject);
    expect(subjects(0)).not.toContain('service:fx-starting');
    const late = serviceHealthcheck
      .analyze(serviceFixtures.faults(), at(1900))
      .find((r) => r.subject === 'service:fx-starting');
    expect(late?.evidence).toMatchObject({
      allUnhealthyForSeconds: 2289,
      tasks: [{ state: 'starting', unhealthyKills: 0 }],
    });
  });

  it('is medium, with allUnhealthyForSeconds 0, when only some tasks are unhealthy', () => {
    // Edited copy: slot 2 of the healthy fx-ok was killed as unhealthy and its replacement is starting.
    const snapshot = serviceFixtures.faults();
    const [, second] = tasksOf(snapshot, 'ok').sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0));
    const killed: Task = {
      ...second!,
      id: 'killedtask0000000000000000',
      state: 'failed',
      desiredState: 'shutdown',
      error: 'task: non-zero exit (143): dockerexec: unhealthy container',
      updatedAt: new Date(RECORDED_AT.getTime() - 30_000).toISOString(),
    };
    Object.assign(second!, {
      state: 'starting',
      updatedAt: new Date(RECORDED_AT.getTime() - 20_000).toISOString(),
    });
    snapshot.tasks.push(killed);
    const result = serviceHealthcheck.analyze(snapshot, at(0)).find((r) => r.subject === 'service:fx-ok');
    expect(result).toMatchObject({ status: 'fail', severity: 'medium' });
    expect(result?.evidence).toMatchObject({
      unhealthySlots: 1,
      currentTasks: 2,
      allUnhealthyForSeconds: 0,
      tasks: [{ id: second!.id, slot: '2', unhealthyForSeconds: 30, unhealthyKills: 1 }],
    });
  });

  it('recovers once the slot runs a task again, the old kills still in the history', () => {
    // Edited copy: after a fix, fx-unhealthy's current task passed its healthcheck and runs.
    const snapshot = serviceFixtures.faults();
    const current = tasksOf(snapshot, 'unhealthy').find((t) => t.desiredState === 'ready')!;
    Object.assign(current, {
      state: 'running',
      desiredState: 'running',
      updatedAt: RECORDED_AT.toISOString(),
    });
    const subjects = serviceHealthcheck.analyze(snapshot, at(1)).map((r) => r.subject);
    expect(subjects).toEqual(['cluster']);
  });

  it('keeps failing between a kill and the restart, when the slot has no wanted task', () => {
    // Edited copy: the current task was just killed as unhealthy and Swarm has not created the next one yet.
    const snapshot = serviceFixtures.faults();
    const current = tasksOf(snapshot, 'unhealthy').find((t) => t.desiredState === 'ready')!;
    Object.assign(current, {
      state: 'failed',
      desiredState: 'shutdown',
      error: 'task: non-zero exit (143): dockerexec: unhealthy container',
    });
    const result = serviceHealthcheck
      .analyze(snapshot, at(0))
      .find((r) => r.subject === 'service:fx-unhealthy');
    expect(result).toMatchObject({ status: 'fail', severity: 'high' });
    expect(result?.evidence).toMatchObject({ unhealthySlots: 1, slots: 1 });
  });

  it('keeps failing at the first restart, when the killed task was updated after its replacement', () => {
    // Edited copy: the starting task is older than the last kill's update (Swarm writes the kill afterwards).
    const snapshot = serviceFixtures.faults();
    const tasks = tasksOf(snapshot, 'unhealthy');
    const current = tasks.find((t) => t.desiredState === 'ready')!;
    const killed = tasks.filter((t) => t !== current);
    Object.assign(current, { state: 'starting', updatedAt: RECORDED_AT.toISOString() });
    for (const task of killed)
      Object.assign(task, { updatedAt: new Date(RECORDED_AT.getTime() + 500).toISOString() });
    const result = serviceHealthcheck
      .analyze(snapshot, at(1))
      .find((r) => r.subject === 'service:fx-unhealthy');
    expect(result).toMatchObject({ status: 'fail' });
  });

  it('counts nothing for a slot shut down cleanly', () => {
    const snapshot = serviceFixtures.faults();
    for (const task of tasksOf(snapshot, 'unhealthy')) {
      Object.assign(task, { state: 'shutdown', desiredState: 'shutdown', error: null });
    }
    const subjects = serviceHealthcheck.analyze(snapshot, at(0)).map((r) => r.subject);
    expect(subjects).not.toContain('service:fx-unhealthy');
  });

  it('reads the healthcheck with Docker defaults, and none for NONE', () => {
    const snapshot = serviceFixtures.faults();
    expect(healthcheckOf(service(snapshot, 'ok'))).toBeNull();
    const spec = service(snapshot, 'ok');
    (spec.spec['TaskTemplate'] as { ContainerSpec: Record<string, unknown> }).ContainerSpec['Healthcheck'] = {
      Test: ['NONE'],
    };
    expect(healthcheckOf(spec)).toBeNull();
    (spec.spec['TaskTemplate'] as { ContainerSpec: Record<string, unknown> }).ContainerSpec['Healthcheck'] = {
      Test: ['CMD', 'true'],
    };
    expect(healthcheckOf(spec)).toEqual({
      test: ['CMD', 'true'],
      intervalSeconds: 30,
      timeoutSeconds: 30,
      retries: 3,
      startPeriodSeconds: 0,
    });
  });

  it('reports ok on `cluster` when every task passes', () => {
    expect(serviceHealthcheck.analyze(serviceFixtures.healthy(), at(0))).toMatchObject([
      {
        status: 'ok',
        subject: 'cluster',
        message: 'no task fails its healthcheck (0 of 1 services define one)',
      },
    ]);
  });
});
