import type Dockerode from 'dockerode';
import type { LiveService, LiveTask } from './live.js';
import { diffSpecs } from './spec-diff.js';

/** Where a service stands against its current spec. */
export type ConvergenceState = 'converged' | 'progressing' | 'failed' | 'rolled-back';

/** The verdict on one service, with why, and its replica counts. */
export interface Convergence {
  state: ConvergenceState;
  reason: string;
  desired: number;
  running: number;
}

/** What the judge needs besides the service and its tasks. */
export interface JudgeOptions {
  /** Only task failures at or after this instant count (the deployment's start). */
  since: Date;
  /** Failed or rejected tasks of the current spec that make the service `failed`. Default 3. */
  failureLimit?: number;
}

const FAILED_STATES = new Set(['failed', 'rejected']);

/**
 * Judges a service from its tasks. Converged means: no update in flight (`UpdateStatus` absent or
 * `completed`), every task Swarm wants running runs the current spec and is `running` (Swarm holds a
 * task in `starting` until its healthcheck passes), and their count is the desired one (global: at
 * least one per eligible node, as Swarm scheduled them; jobs: completions reached). Swarm's own
 * rollback is `rolled-back`; a paused update or repeated task failures are `failed`.
 */
export function judgeService(
  service: LiveService,
  tasks: readonly LiveTask[],
  options: JudgeOptions,
): Convergence {
  const own = tasks.filter((t) => t.serviceId === service.id);
  const status = service.updateStatus;
  const counts = countReplicas(service, own);
  if (status !== null) {
    const why = status.message === '' ? status.state : `${status.state}: ${status.message}`;
    if (status.state === 'rollback_started' || status.state === 'rollback_completed') {
      return { ...counts, state: 'rolled-back', reason: `Swarm rolled ${service.name} back (${why})` };
    }
    if (status.state === 'paused' || status.state === 'rollback_paused') {
      return { ...counts, state: 'failed', reason: `Swarm paused the update of ${service.name} (${why})` };
    }
    if (status.state === 'updating') return { ...counts, state: 'progressing', reason: `updating (${why})` };
  }
  const failure = repeatedFailure(service, own, options);
  if (failure !== null) return { ...counts, state: 'failed', reason: failure };
  if (isJobService(service.spec)) return judgeJob(service, own, counts);
  const active = own.filter((t) => t.desiredState === 'running');
  const stale = active.filter((t) => !isCurrent(t, service));
  if (stale.length > 0)
    return { ...counts, state: 'progressing', reason: `${stale.length} task(s) still run the previous spec` };
  const notRunning = active.filter((t) => t.state !== 'running');
  if (notRunning.length > 0) {
    const sample = notRunning[0];
    const detail =
      sample === undefined ? '' : ` (${sample.state}${sample.error === null ? '' : `: ${sample.error}`})`;
    return {
      ...counts,
      state: 'progressing',
      reason: `${notRunning.length} task(s) not running yet${detail}`,
    };
  }
  if (counts.running < counts.desired || (isGlobalService(service.spec) && counts.running === 0)) {
    return { ...counts, state: 'progressing', reason: `${counts.running}/${counts.desired} tasks running` };
  }
  return { ...counts, state: 'converged', reason: `${counts.running}/${counts.desired} tasks running` };
}

function judgeJob(
  service: LiveService,
  own: readonly LiveTask[],
  counts: Omit<Convergence, 'state' | 'reason'>,
): Convergence {
  const done = counts.running;
  if (done >= counts.desired && counts.desired > 0)
    return { ...counts, state: 'converged', reason: `${done}/${counts.desired} completed` };
  const current = own.filter((t) => isCurrent(t, service));
  const pending = current.length === 0 ? 'no task yet' : `${done}/${counts.desired} completed`;
  return { ...counts, state: 'progressing', reason: pending };
}

/** Desired and running (for jobs: completed) replicas of the current spec. */
export function countReplicas(
  service: LiveService,
  tasks: readonly LiveTask[],
): { desired: number; running: number } {
  const own = tasks.filter((t) => t.serviceId === service.id && isCurrent(t, service));
  const mode = service.spec.Mode ?? { Replicated: { Replicas: 1 } };
  if (mode.ReplicatedJob !== undefined) {
    const total = mode.ReplicatedJob.TotalCompletions ?? mode.ReplicatedJob.MaxConcurrent ?? 1;
    return { desired: total, running: own.filter((t) => t.state === 'complete').length };
  }
  if (mode.GlobalJob !== undefined) {
    return { desired: own.length, running: own.filter((t) => t.state === 'complete').length };
  }
  const running = own.filter((t) => t.desiredState === 'running' && t.state === 'running').length;
  if (mode.Global !== undefined) {
    return { desired: own.filter((t) => t.desiredState === 'running').length, running };
  }
  return { desired: mode.Replicated?.Replicas ?? 1, running };
}

function repeatedFailure(
  service: LiveService,
  own: readonly LiveTask[],
  options: JudgeOptions,
): string | null {
  const limit = options.failureLimit ?? 3;
  const failed = own.filter(
    (t) =>
      FAILED_STATES.has(t.state) &&
      isCurrent(t, service) &&
      Date.parse(t.createdAt) >= options.since.getTime(),
  );
  if (failed.length < limit) return null;
  const last = failed.reduce((a, b) => (Date.parse(a.createdAt) >= Date.parse(b.createdAt) ? a : b));
  return `${failed.length} tasks of ${service.name} failed (last: ${last.error ?? last.message})`;
}

/** True when the task was made from the service's current task template (and job iteration). */
export function isCurrent(task: LiveTask, service: LiveService): boolean {
  if (service.jobIteration !== null && task.jobIteration !== service.jobIteration) return false;
  if (task.spec === undefined) return true;
  // Swarm does not copy the restart policy into task specs; everything else of the template is there.
  const { RestartPolicy: _ignored, ...template } = (service.spec.TaskTemplate ?? {}) as Record<
    string,
    unknown
  >;
  const { RestartPolicy: _none, ...taskSpec } = task.spec as Record<string, unknown>;
  return diffSpecs(taskSpec, template).length === 0;
}

function isJobService(spec: Dockerode.ServiceSpec): boolean {
  const mode = spec.Mode;
  return mode?.ReplicatedJob !== undefined || mode?.GlobalJob !== undefined;
}

function isGlobalService(spec: Dockerode.ServiceSpec): boolean {
  const mode = spec.Mode;
  return mode?.Global !== undefined;
}
