import type { CheckResult, Task } from '@swarmops/contracts';
import type { Analyzer, AnalyzerContext } from '../analyzer.js';
import type { ServiceFacts } from '../snapshot.js';
import {
  isJob,
  isWanted,
  secondsSince,
  serviceSubject,
  slotOf,
  taskEvidence,
  tasksByService,
} from './service-facts.js';

/** A failure caused by the container healthcheck: `service.healthcheck` reports those. */
export function isUnhealthyError(error: string | null): boolean {
  return error !== null && /unhealthy/i.test(error);
}

/** The exit code in `task: non-zero exit (137)`, when there is one. */
export function exitCodeOf(error: string | null): number | null {
  const match = /non-zero exit \((\d+)\)/.exec(error ?? '');
  return match ? Number(match[1]) : null;
}

/**
 * `service.crash-loop`: at least `crashLoopRestarts` tasks of one service failed, were rejected, or (for a
 * non-job service) exited and were restarted within `crashLoopWindowSeconds`. Healthcheck kills are left to
 * `service.healthcheck`. Docker keeps about 5 tasks per slot, so the count is a lower bound. A slot whose
 * current task has run longer than the slot's longest gap between failures (and at least
 * {@link STABLE_SECONDS}) broke the pattern: its restarts stop counting, so the check recovers after a fix.
 */
export const serviceCrashLoop: Analyzer = {
  id: 'service.crash-loop',
  title: 'tasks failing and restarting in a loop',
  subjectKind: 'service',
  analyze(snapshot, ctx) {
    const byService = tasksByService(snapshot);
    const results: CheckResult[] = [];
    for (const service of snapshot.services) {
      const restarts = unsettledRestarts(service, byService.get(service.id) ?? [], ctx);
      if (restarts.length >= ctx.settings.crashLoopRestarts) results.push(judge(service, restarts, ctx));
    }
    if (results.length > 0) return results;
    return [
      {
        id: 'service.crash-loop',
        status: 'ok',
        severity: 'info',
        subject: 'cluster',
        message: `no service of ${snapshot.services.length} restarted ${ctx.settings.crashLoopRestarts} or more tasks in the last ${ctx.settings.crashLoopWindowSeconds} s`,
        evidence: {
          services: snapshot.services.length,
          restarts: ctx.settings.crashLoopRestarts,
          windowSeconds: ctx.settings.crashLoopWindowSeconds,
        },
      },
    ];
  },
};

/** A slot's current task running at least this long (and longer than its failure gaps) ends its loop. */
export const STABLE_SECONDS = 30;

function unsettledRestarts(service: ServiceFacts, tasks: Task[], ctx: AnalyzerContext): Task[] {
  const restarts = tasks.filter((t) => isRestart(service, t, ctx));
  const bySlot = new Map<string, Task[]>();
  for (const t of restarts) bySlot.set(slotOf(t), [...(bySlot.get(slotOf(t)) ?? []), t]);
  const settled = new Set<string>();
  for (const [slot, failures] of bySlot) {
    const current = tasks.find((t) => slotOf(t) === slot && isWanted(t));
    if (current?.state !== 'running') continue;
    const startedAt = Date.parse(current.updatedAt);
    const times = failures.map((t) => Date.parse(t.updatedAt)).sort((a, b) => a - b);
    if (startedAt < (times.at(-1) ?? 0)) continue;
    const gaps = [...times, startedAt].slice(1).map((t, i) => (t - times[i]!) / 1000);
    if (secondsSince(ctx.now, current.updatedAt) > Math.max(STABLE_SECONDS, ...gaps)) settled.add(slot);
  }
  return restarts.filter((t) => !settled.has(slotOf(t)));
}

function isRestart(service: ServiceFacts, task: Task, ctx: AnalyzerContext): boolean {
  if (secondsSince(ctx.now, task.updatedAt) > ctx.settings.crashLoopWindowSeconds) return false;
  if (task.state === 'failed' || task.state === 'rejected') return !isUnhealthyError(task.error);
  // A replicated service whose command exits 0 is restarted too; a job's completions are its purpose.
  return task.state === 'complete' && !isJob(service);
}

function judge(service: ServiceFacts, restarts: Task[], ctx: AnalyzerContext): CheckResult {
  const exitCodes = [...new Set(restarts.map((t) => exitCodeOf(t.error)).filter((c) => c !== null))];
  const errors = [...new Set(restarts.map((t) => t.error ?? `${t.state}: ${t.message}`))];
  return {
    id: 'service.crash-loop',
    status: 'fail',
    severity: 'high',
    subject: serviceSubject(service),
    message: `${service.name} restarted ${restarts.length} tasks in the last ${ctx.settings.crashLoopWindowSeconds} s: ${errors[0] ?? 'exited'}`,
    evidence: {
      restarts: restarts.length,
      windowSeconds: ctx.settings.crashLoopWindowSeconds,
      running: service.replicas.running,
      desired: service.replicas.desired,
      exitCodes,
      errors: errors.slice(0, 5),
      lastFailureAt: restarts[0]?.updatedAt ?? null,
      tasks: restarts.slice(0, 5).map(taskEvidence),
    },
    fix: fixFor(service.name, exitCodes, errors),
  };
}

function fixFor(name: string, exitCodes: number[], errors: string[]): string {
  const logs = `read \`docker service logs --tail 50 ${name}\``;
  if (exitCodes.includes(137))
    return `exit 137 means the container was killed, often out of memory: ${logs}, raise deploy.resources.limits.memory or fix the leak`;
  if (errors.some((e) => /no such image|image .* not found|pull access denied/i.test(e)))
    return `the image cannot be found on the node: push it to a registry the nodes can reach or load it on every node, then \`docker service update --force ${name}\``;
  if (errors.some((e) => /mount|no such file or directory|invalid/i.test(e)))
    return `the task is rejected before it starts (${errors[0] ?? ''}): fix the mount, config or secret it references`;
  return `the process exits (${exitCodes.length > 0 ? `exit ${exitCodes.join(', ')}` : 'no exit code'}): ${logs}, fix its command, config or environment, then redeploy`;
}
