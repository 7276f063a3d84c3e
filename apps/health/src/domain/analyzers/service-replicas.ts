import type { CheckResult, Task } from '@swarmops/contracts';
import type { Analyzer, AnalyzerContext } from '../analyzer.js';
import type { ServiceFacts } from '../snapshot.js';
import {
  isBeforeRunning,
  isJob,
  isWanted,
  secondsSince,
  serviceSubject,
  taskEvidence,
  tasksByService,
} from './service-facts.js';
import { healthcheckOf, startingGraceSeconds } from './service-healthcheck.js';

const FAILED = new Set(['failed', 'rejected']);

/**
 * `service.replicas`: a service running fewer tasks than it wants. 0 of >0 running is `critical` (the service
 * is out of service); fewer is `high`. A fresh shortfall whose tasks are all still starting, with no failure
 * within the grace (for `starting`, the healthcheck's start_period + (interval + timeout) × retries), is a
 * `warn` (converging); so is one during a rolling update that still runs something.
 */
export const serviceReplicas: Analyzer = {
  id: 'service.replicas',
  title: 'running replicas below desired',
  subjectKind: 'service',
  analyze(snapshot, ctx) {
    const tasks = tasksByService(snapshot);
    const results: CheckResult[] = [];
    let checked = 0;
    for (const service of snapshot.services) {
      if (isJob(service) || service.replicas.desired === 0) continue;
      checked += 1;
      const result = judge(service, tasks.get(service.id) ?? [], ctx);
      if (result !== null) results.push(result);
    }
    if (results.length > 0) return results;
    return [
      {
        id: 'service.replicas',
        status: 'ok',
        severity: 'info',
        subject: 'cluster',
        message: `all ${checked} services with desired replicas run every desired replica`,
        evidence: { services: checked },
      },
    ];
  },
};

function judge(service: ServiceFacts, tasks: Task[], ctx: AnalyzerContext): CheckResult | null {
  const { desired, running } = service.replicas;
  if (running >= desired) return null;
  const grace = ctx.settings.pendingGraceSeconds;
  // A task waiting for its first passing healthcheck is starting, not broken, until its healthcheck grace ends.
  const healthGrace = Math.max(grace, startingGraceSeconds(healthcheckOf(service)));
  const recentFailures = tasks.filter(
    (t) => FAILED.has(t.state) && secondsSince(ctx.now, t.updatedAt) <= ctx.settings.crashLoopWindowSeconds,
  );
  const notRunning = tasks.filter((t) => isWanted(t) && t.state !== 'running');
  const starting =
    recentFailures.length === 0 &&
    notRunning.length > 0 &&
    notRunning.every(
      (t) =>
        isBeforeRunning(t.state) &&
        secondsSince(ctx.now, t.updatedAt) <= (t.state === 'starting' ? healthGrace : grace),
    );
  const updating =
    ['updating', 'rollback_started'].includes(service.updateStatus?.state ?? '') && running > 0;
  const evidence = {
    desired,
    running,
    mode: service.mode,
    updateState: service.updateStatus?.state ?? null,
    notRunning: notRunning.slice(0, 10).map(taskEvidence),
    recentFailures: recentFailures.length,
    lastErrors: recentFailures.slice(0, 5).map(taskEvidence),
  };
  const base = { id: 'service.replicas', subject: serviceSubject(service), evidence };
  if (starting || updating) {
    return {
      ...base,
      status: 'warn',
      severity: 'low',
      message: `${service.name} runs ${running} of ${desired} replicas: ${updating ? 'an update is in progress' : 'its tasks are still starting'}`,
      fix: `wait for it to converge; if it does not, see \`docker service ps --no-trunc ${service.name}\``,
    };
  }
  const down = running === 0;
  return {
    ...base,
    status: 'fail',
    severity: down ? 'critical' : 'high',
    message: down
      ? `${service.name} is out of service: 0 of ${desired} replicas running`
      : `${service.name} runs ${running} of ${desired} replicas`,
    fix: fixFor(service, recentFailures, notRunning),
  };
}

function fixFor(service: ServiceFacts, failures: Task[], notRunning: Task[]): string {
  const name = service.name;
  if (notRunning.some((t) => t.state === 'pending'))
    return `tasks cannot be scheduled (see service.pending for the reason); \`docker service ps --no-trunc ${name}\``;
  const error = failures[0]?.error;
  if (error)
    return `its tasks fail (${error}): read \`docker service logs --tail 50 ${name}\`, fix the cause, then \`docker service update --force ${name}\``;
  return `see why tasks are not running: \`docker service ps --no-trunc ${name}\``;
}
