import type { CheckResult, Severity } from '@swarmops/contracts';
import type { Analyzer } from '../analyzer.js';
import type { ServiceFacts } from '../snapshot.js';
import { secondsSince, serviceSubject, taskEvidence, tasksByService } from './service-facts.js';

interface Verdict {
  status: 'warn' | 'fail';
  severity: Severity;
  what: string;
  fix: (name: string) => string;
}

const resume = (name: string) =>
  `find why the new tasks fail (\`docker service ps --no-trunc ${name}\`, \`docker service logs ${name}\`), fix it, then ` +
  `resume with \`docker service update --force ${name}\` (self-healing does it with a policy on service.update) or go back with \`docker service rollback ${name}\``;

/** Update states worth a result; `updating`, `completed` and `rollback_completed`-free states are fine. */
const VERDICTS: Record<string, Verdict> = {
  paused: { status: 'fail', severity: 'high', what: 'its update is paused', fix: resume },
  rollback_paused: { status: 'fail', severity: 'high', what: 'its rollback is paused', fix: resume },
  rollback_started: {
    status: 'warn',
    severity: 'medium',
    what: 'its update failed and is being rolled back',
    fix: (name) =>
      `wait for the rollback, then find why the update failed: \`docker service ps --no-trunc ${name}\``,
  },
  rollback_completed: {
    status: 'warn',
    severity: 'medium',
    what: 'its last update failed and was rolled back (it runs the previous spec)',
    fix: (name) =>
      `find why the update failed (\`docker service ps --no-trunc ${name}\`), fix the new version and deploy it again`,
  },
};

/** `service.update`: a service whose rolling update is paused or was rolled back (Docker's UpdateStatus). */
export const serviceUpdate: Analyzer = {
  id: 'service.update',
  title: 'updates paused or rolled back',
  subjectKind: 'service',
  analyze(snapshot, ctx) {
    const byService = tasksByService(snapshot);
    const results: CheckResult[] = [];
    for (const service of snapshot.services) {
      const verdict = VERDICTS[service.updateStatus?.state ?? ''];
      if (verdict === undefined) continue;
      const failed = (byService.get(service.id) ?? []).filter(
        (t) => t.state === 'failed' || t.state === 'rejected',
      );
      results.push(result(service, verdict, ctx.now, failed.slice(0, 5).map(taskEvidence)));
    }
    if (results.length > 0) return results;
    const updating = snapshot.services.filter((s) => s.updateStatus?.state === 'updating').length;
    return [
      {
        id: 'service.update',
        status: 'ok',
        severity: 'info',
        subject: 'cluster',
        message: `no update of ${snapshot.services.length} services is paused or rolled back (${updating} in progress)`,
        evidence: { services: snapshot.services.length, updating },
      },
    ];
  },
};

function result(
  service: ServiceFacts,
  verdict: Verdict,
  now: Date,
  failedTasks: Record<string, unknown>[],
): CheckResult {
  const status = service.updateStatus!;
  const config = (service.spec['UpdateConfig'] ?? null) as Record<string, unknown> | null;
  return {
    id: 'service.update',
    status: verdict.status,
    severity: verdict.severity,
    subject: serviceSubject(service),
    message: `${service.name}: ${verdict.what}${status.message ? `: ${status.message}` : ''}`,
    evidence: {
      state: status.state,
      message: status.message ?? null,
      startedAt: status.startedAt ?? null,
      ageSeconds: status.startedAt ? secondsSince(now, status.startedAt) : null,
      image: service.image,
      updateConfig: config,
      failedTasks,
    },
    fix: verdict.fix(service.name),
  };
}
