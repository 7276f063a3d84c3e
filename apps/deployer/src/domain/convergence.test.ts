import { describe, expect, it } from 'vitest';
import { judgeService } from './convergence.js';
import type { LiveService, LiveTask } from './live.js';

const since = new Date('2026-01-01T00:00:00Z');
const template = { ContainerSpec: { Image: 'web:2' } };

function service(over: Partial<LiveService> = {}): LiveService {
  return {
    id: 's1',
    name: 'shop_web',
    version: 10,
    spec: { Name: 'shop_web', TaskTemplate: template, Mode: { Replicated: { Replicas: 2 } } },
    previousSpec: null,
    updateStatus: null,
    jobIteration: null,
    ...over,
  };
}

let n = 0;
function task(state: string, over: Partial<LiveTask> = {}): LiveTask {
  n += 1;
  return {
    id: `t${n}`,
    serviceId: 's1',
    nodeId: 'n1',
    slot: n,
    desiredState: 'running',
    state,
    error: null,
    message: '',
    image: 'web:2',
    createdAt: '2026-01-01T00:00:01Z',
    containerId: null,
    jobIteration: null,
    spec: template,
    ...over,
  };
}

describe('judgeService', () => {
  it('is converged when every desired task of the current spec runs', () => {
    const c = judgeService(service(), [task('running'), task('running')], { since });
    expect(c).toMatchObject({ state: 'converged', desired: 2, running: 2 });
  });

  it('is progressing while a task is starting (healthcheck not passed yet)', () => {
    const c = judgeService(service(), [task('running'), task('starting')], { since });
    expect(c.state).toBe('progressing');
  });

  it('is progressing while tasks of the previous spec still run (update not picked up yet)', () => {
    const old = { ContainerSpec: { Image: 'web:1' } };
    const c = judgeService(service(), [task('running', { spec: old }), task('running', { spec: old })], {
      since,
    });
    expect(c).toMatchObject({ state: 'progressing', running: 0 });
  });

  it('reports Swarm rollback as rolled-back and a paused update as failed, never success', () => {
    const tasks = [task('running'), task('running')];
    expect(
      judgeService(service({ updateStatus: { state: 'rollback_completed', message: 'x' } }), tasks, { since })
        .state,
    ).toBe('rolled-back');
    expect(
      judgeService(service({ updateStatus: { state: 'rollback_started', message: '' } }), tasks, { since })
        .state,
    ).toBe('rolled-back');
    expect(
      judgeService(service({ updateStatus: { state: 'paused', message: 'y' } }), tasks, { since }).state,
    ).toBe('failed');
    expect(
      judgeService(service({ updateStatus: { state: 'updating', message: '' } }), tasks, { since }).state,
    ).toBe('progressing');
  });

  it('fails after repeated task failures of the current spec since the deployment began', () => {
    const failed = [1, 2, 3].map(() => task('failed', { desiredState: 'shutdown', error: 'unhealthy' }));
    const c = judgeService(service(), [...failed, task('starting')], { since });
    expect(c.state).toBe('failed');
    expect(c.reason).toContain('unhealthy');
    const before = failed.map((t) => ({ ...t, createdAt: '2025-12-31T00:00:00Z' }));
    expect(judgeService(service(), [...before, task('starting')], { since }).state).toBe('progressing');
  });

  it('fails on the first failed task when the failure limit is 1 (a canary)', () => {
    const tasks = [task('failed', { error: 'task: non-zero exit (1)' }), task('starting')];
    expect(judgeService(service(), tasks, { since }).state).toBe('progressing');
    const c = judgeService(service(), tasks, { since, failureLimit: 1 });
    expect(c.state).toBe('failed');
    expect(c.reason).toMatch(/1 tasks of shop_web failed/);
  });

  it('judges a global service by the tasks Swarm scheduled, one per eligible node', () => {
    const global = service({ spec: { Name: 'x', TaskTemplate: template, Mode: { Global: {} } } });
    expect(
      judgeService(global, [task('running'), task('running', { nodeId: 'n2' })], { since }),
    ).toMatchObject({ state: 'converged', desired: 2 });
    expect(judgeService(global, [], { since }).state).toBe('progressing');
  });

  it('judges a job by completions of its current iteration', () => {
    const job = service({
      spec: { Name: 'j', TaskTemplate: template, Mode: { ReplicatedJob: { TotalCompletions: 2 } } },
      jobIteration: 1,
    });
    const done = (iteration: number) =>
      task('complete', { desiredState: 'complete', jobIteration: iteration });
    expect(judgeService(job, [done(1), done(1)], { since })).toMatchObject({
      state: 'converged',
      running: 2,
    });
    expect(judgeService(job, [done(0), done(1)], { since }).state).toBe('progressing');
  });

  it('ignores restart policy, which Swarm leaves out of task specs', () => {
    const withPolicy = service({
      spec: {
        Name: 'w',
        TaskTemplate: { ...template, RestartPolicy: { Condition: 'any' } },
        Mode: { Replicated: { Replicas: 1 } },
      },
    });
    expect(judgeService(withPolicy, [task('running')], { since }).state).toBe('converged');
  });
});
