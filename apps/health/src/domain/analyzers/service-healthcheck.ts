import type { CheckResult, Task } from '@swarmops/contracts';
import type { Analyzer, AnalyzerContext } from '../analyzer.js';
import type { ServiceFacts } from '../snapshot.js';
import { isUnhealthyError } from './service-crash-loop.js';
import {
  containerSpec,
  isBeforeRunning,
  isWanted,
  nanosToSeconds,
  secondsSince,
  serviceSubject,
  slotOf,
  stringList,
  tasksByService,
} from './service-facts.js';

/** The container healthcheck of a service, in seconds (Docker's defaults where the spec is silent). */
export interface HealthcheckSpec {
  test: string[];
  intervalSeconds: number;
  timeoutSeconds: number;
  retries: number;
  startPeriodSeconds: number;
}

/** The spec's healthcheck; null when the spec has none or disables it (`NONE`). */
export function healthcheckOf(service: ServiceFacts): HealthcheckSpec | null {
  const raw = containerSpec(service)['Healthcheck'] as Record<string, unknown> | undefined;
  const test = stringList(raw?.['Test']);
  if (raw === undefined || test[0] === 'NONE') return null;
  return {
    test,
    intervalSeconds: nanosToSeconds(raw['Interval'], 30),
    timeoutSeconds: nanosToSeconds(raw['Timeout'], 30),
    retries: typeof raw['Retries'] === 'number' && raw['Retries'] > 0 ? raw['Retries'] : 3,
    startPeriodSeconds: nanosToSeconds(raw['StartPeriod'], 0),
  };
}

/** How one slot (replica or global node) stands. */
interface SlotHealth {
  slot: string;
  /** The slot's current task. */
  id: string;
  state: string;
  containerId: string | null;
  /** ISO time the slot's current unhealthy streak began; null when the slot is healthy. */
  unhealthySince: string | null;
  unhealthyForSeconds: number;
  /** Tasks of the streak killed as unhealthy. */
  unhealthyKills: number;
  lastError: string | null;
}

/**
 * `service.healthcheck`: slots whose tasks fail their container healthcheck: killed as `unhealthy container`
 * and restarted, or stuck in `starting` beyond start_period + interval × retries (+ timeout). The evidence
 * gives `tasks`: each unhealthy slot's current task (`id`) with since when it has been unhealthy
 * (`unhealthySince`, `unhealthyForSeconds`), `currentTasks` (slots with a current task) and
 * `allUnhealthyForSeconds`: how long every slot has been (0 when any slot is healthy), which self-healing
 * compares with its `afterMinutes`. A slot whose current task is `running` is healthy: it ends the streak.
 */
export const serviceHealthcheck: Analyzer = {
  id: 'service.healthcheck',
  title: 'tasks failing their container healthcheck',
  subjectKind: 'service',
  analyze(snapshot, ctx) {
    const byService = tasksByService(snapshot);
    const results: CheckResult[] = [];
    let withCheck = 0;
    for (const service of snapshot.services) {
      const spec = healthcheckOf(service);
      if (spec !== null) withCheck += 1;
      const result = judge(service, byService.get(service.id) ?? [], spec, ctx);
      if (result !== null) results.push(result);
    }
    if (results.length > 0) return results;
    return [
      {
        id: 'service.healthcheck',
        status: 'ok',
        severity: 'info',
        subject: 'cluster',
        message: `no task fails its healthcheck (${withCheck} of ${snapshot.services.length} services define one)`,
        evidence: { services: snapshot.services.length, withHealthcheck: withCheck },
      },
    ];
  },
};

/** Seconds a task may stay `starting` before it counts as failing its healthcheck. */
export function startingGraceSeconds(spec: HealthcheckSpec | null): number {
  const s = spec ?? { intervalSeconds: 30, timeoutSeconds: 30, retries: 3, startPeriodSeconds: 0 };
  return s.startPeriodSeconds + (s.intervalSeconds + s.timeoutSeconds) * s.retries;
}

function judge(
  service: ServiceFacts,
  tasks: Task[],
  spec: HealthcheckSpec | null,
  ctx: AnalyzerContext,
): CheckResult | null {
  const slots = new Map<string, Task[]>();
  for (const task of tasks) slots.set(slotOf(task), [...(slots.get(slotOf(task)) ?? []), task]);
  const grace = startingGraceSeconds(spec);
  const health = [...slots.entries()]
    .map(([slot, history]) => slotHealth(slot, history, grace, ctx.now))
    .filter((h): h is SlotHealth => h !== null);
  const unhealthy = health.filter((h) => h.unhealthySince !== null);
  if (unhealthy.length === 0) return null;
  const all = unhealthy.length === health.length;
  const allFor = all ? Math.min(...unhealthy.map((h) => h.unhealthyForSeconds)) : 0;
  const lastError = unhealthy.find((h) => h.lastError !== null)?.lastError ?? null;
  const command = commandOf(spec);
  return {
    id: 'service.healthcheck',
    status: 'fail',
    severity: all ? 'high' : 'medium',
    subject: serviceSubject(service),
    message: `${unhealthy.length} of ${health.length} task(s) of ${service.name} fail their healthcheck${all ? `, all of them for at least ${allFor} s` : ''}${lastError ? ` (${lastError})` : ''}`,
    evidence: {
      unhealthySlots: unhealthy.length,
      slots: health.length,
      currentTasks: health.length,
      allUnhealthyForSeconds: allFor,
      healthcheck: spec,
      startingGraceSeconds: grace,
      tasks: unhealthy,
    },
    fix:
      `the check ${command ? `\`${command}\` ` : ''}does not pass: run it in a task (\`docker exec <container> ${command ?? '<check>'}\`) and fix the app or the check, or give it more time (start_period, retries); ` +
      `\`docker service update --force ${service.name}\` restarts every task (self-healing does it with a policy on service.healthcheck)`,
  };
}

/** The healthcheck as a command line one can `docker exec`. */
function commandOf(spec: HealthcheckSpec | null): string | null {
  if (spec === null || spec.test.length < 2) return null;
  const [kind, ...rest] = spec.test;
  return kind === 'CMD-SHELL' ? `sh -c '${rest.join(' ')}'` : rest.join(' ');
}

function slotHealth(slot: string, history: Task[], grace: number, now: Date): SlotHealth | null {
  const current = history.find(isWanted);
  if (current === undefined) return betweenRestarts(slot, history, now);
  const base = { slot, id: current.id, state: current.state, containerId: current.containerId };
  const healthy = {
    ...base,
    unhealthySince: null,
    unhealthyForSeconds: 0,
    unhealthyKills: 0,
    lastError: null,
  };
  if (!isBeforeRunning(current.state)) return healthy;
  // The streak: the current (not yet healthy) task and the unhealthy kills right before it.
  const streak: Task[] = [];
  // A task killed as unhealthy is often updated after its replacement was created: it still belongs to the streak.
  for (const task of history) {
    if (task === current) continue;
    if (!isUnhealthyError(task.error)) break;
    streak.push(task);
  }
  const stuck = current.state === 'starting' && secondsSince(now, current.updatedAt) > grace;
  if (streak.length === 0 && !stuck) return healthy;
  const since = streak.length > 0 ? streak[streak.length - 1]!.updatedAt : current.updatedAt;
  return {
    ...base,
    unhealthySince: since,
    unhealthyForSeconds: secondsSince(now, since),
    unhealthyKills: streak.length,
    lastError: streak[0]?.error ?? null,
  };
}

/**
 * A slot with no wanted task: between a kill and the restart Swarm schedules after its delay. If its newest
 * tasks were killed as unhealthy the streak goes on (no ok, so no recovered/failed flap at every restart); a
 * slot that was scaled away or shut down cleanly counts for nothing.
 */
function betweenRestarts(slot: string, history: Task[], now: Date): SlotHealth | null {
  const streak: Task[] = [];
  for (const task of history) {
    if (!isUnhealthyError(task.error)) break;
    streak.push(task);
  }
  const newest = streak[0];
  if (newest === undefined) return null;
  const since = streak[streak.length - 1]!.updatedAt;
  return {
    slot,
    id: newest.id,
    state: newest.state,
    containerId: newest.containerId,
    unhealthySince: since,
    unhealthyForSeconds: secondsSince(now, since),
    unhealthyKills: streak.length,
    lastError: newest.error,
  };
}
