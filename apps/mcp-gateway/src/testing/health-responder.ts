import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import { endpoint, serve } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import { AppError, ErrorCode, HEALING_ACTION_FOR_CHECK, HealthRpc } from '@swarmops/contracts';
import type {
  CheckResult,
  HealingPolicy,
  HealingRecord,
  HealthReport,
  HealthScope,
} from '@swarmops/contracts';

/** The problems every stand-in report carries for a subject in scope: one failing check per service. */
function checksFor(scope: HealthScope, target: string | null, stack: string | null): CheckResult[] {
  if (scope === 'cluster') {
    return [
      { id: 'node.status', status: 'fail', severity: 'high', subject: 'node:w9', message: 'node w9 is down' },
      { id: 'platform.nats', status: 'ok', severity: 'info', subject: 'cluster', message: 'NATS answers' },
    ];
  }
  const subject = `${scope}:${target ?? ''}`;
  const checks: CheckResult[] = [
    {
      id: 'service.crash-loop',
      status: 'fail',
      severity: 'high',
      subject,
      message: `${target ?? ''} restarted 5 times in 10 minutes`,
      evidence: { restarts: 5, lastError: 'task: non-zero exit (1)' },
      fix: 'fix the command',
    },
  ];
  if (stack !== null) {
    checks.push({
      id: 'service.replicas',
      status: 'ok',
      severity: 'info',
      subject: `stack:${stack}`,
      message: 'ok',
    });
  }
  return checks;
}

/**
 * A real NATS micro service answering every HealthRpc contract (the gateway's tests do not need the
 * health service's analyzers): check runs produce canned reports that are kept for reports.get/list,
 * policies and healing records are kept in memory. Every validated request is recorded per subject.
 * `stackOf` maps a service name to its stack, as inventory would.
 */
export async function serveHealthStandIn(
  nc: NatsConnection,
  stackOf: (service: string) => Promise<string | null>,
) {
  const requests = new Map<string, unknown[]>();
  const record = (subject: string, req: unknown) =>
    requests.set(subject, [...(requests.get(subject) ?? []), req]);
  const reports: HealthReport[] = [];
  const policies = new Map<string, HealingPolicy>();
  const healing: HealingRecord[] = [];
  const store = async (scope: HealthScope, target: string | null, trigger: HealthReport['trigger']) => {
    const stack =
      scope === 'service' && target !== null ? await stackOf(target) : scope === 'stack' ? target : null;
    const checks = checksFor(scope, target, stack);
    const counts = { ok: 0, warn: 0, fail: 0 };
    for (const c of checks) counts[c.status] += 1;
    const report: HealthReport = {
      status: counts.fail > 0 ? 'degraded' : 'healthy',
      checkedAt: new Date().toISOString(),
      checks,
      reportId: randomUUID(),
      scope,
      target,
      trigger,
      durationMs: 3,
      counts,
    };
    reports.unshift(report);
    return report;
  };
  const endpoints: RpcEndpoint[] = [
    endpoint(HealthRpc.checkRun, (req) => {
      record(HealthRpc.checkRun.subject, req);
      return store(req.scope, req.target ?? null, 'on-demand');
    }),
    endpoint(HealthRpc.reportsGet, (req) => {
      record(HealthRpc.reportsGet.subject, req);
      const report =
        req.reportId === undefined
          ? reports.find((r) => r.scope === 'cluster')
          : reports.find((r) => r.reportId === req.reportId);
      if (report === undefined)
        throw new AppError(ErrorCode.NOT_FOUND, `report ${req.reportId ?? '(newest)'} not found`);
      return report;
    }),
    endpoint(HealthRpc.reportsList, (req) => {
      record(HealthRpc.reportsList.subject, req);
      const items = reports
        .filter((r) => req.status === undefined || r.status === req.status)
        .slice(0, req.limit)
        .map(({ checks, ...rest }) => ({ ...rest, problems: checks.filter((c) => c.status !== 'ok') }));
      return { items, nextCursor: null };
    }),
    endpoint(HealthRpc.serviceDiagnose, async (req) => {
      record(HealthRpc.serviceDiagnose.subject, req);
      const stack = await stackOf(req.service);
      const checks = checksFor('service', req.service, stack);
      return {
        service: req.service,
        stack,
        status: 'degraded' as const,
        summary: `${req.service} crash-loops: its command exits 1`,
        replicas: { desired: 1, running: 0 },
        checks,
        taskErrors: [
          {
            taskId: 't1',
            nodeId: 'n1',
            state: 'failed',
            error: 'task: non-zero exit (1)',
            at: new Date().toISOString(),
          },
        ],
        recentEvents: [
          { type: 'task.state-changed', time: new Date().toISOString(), summary: 'running → failed' },
        ],
        recentDeployments: [],
        fixes: ['fix the command'],
        checkedAt: new Date().toISOString(),
      };
    }),
    endpoint(HealthRpc.policySet, (req) => {
      record(HealthRpc.policySet.subject, req);
      const policy: HealingPolicy = {
        checkId: req.checkId,
        mode: req.mode,
        action: HEALING_ACTION_FOR_CHECK[req.checkId],
        afterMinutes: req.afterMinutes ?? 5,
        maxPerHour: req.maxPerHour ?? 3,
        stacks: req.stacks ?? null,
        updatedBy: req.requestedBy ?? null,
        updatedAt: new Date().toISOString(),
      };
      policies.set(req.checkId, policy);
      return policy;
    }),
    endpoint(HealthRpc.policyList, (req) => {
      record(HealthRpc.policyList.subject, req);
      return { items: [...policies.values()], nextCursor: null };
    }),
    endpoint(HealthRpc.healingList, (req) => {
      record(HealthRpc.healingList.subject, req);
      const items = healing
        .filter((h) => req.checkId === undefined || h.checkId === req.checkId)
        .slice(0, req.limit);
      return { items, nextCursor: null };
    }),
  ];
  const service = await serve(nc, { name: 'health-test', version: '0.0.0' }, endpoints);
  return {
    /** The validated requests a subject received, oldest first. */
    requests: (subject: string) => requests.get(subject) ?? [],
    /** Requests answered, all subjects together. */
    total: () => [...requests.values()].reduce((n, list) => n + list.length, 0),
    /** Stores a report as the periodic runner would (trigger `interval`). */
    runInterval: (scope: HealthScope = 'cluster', target: string | null = null) =>
      store(scope, target, 'interval'),
    /** Adds a healing decision as health's healing listener would. */
    addHealing: (entry: Pick<HealingRecord, 'checkId' | 'subject' | 'outcome'>) =>
      healing.unshift({
        id: randomUUID(),
        action: HEALING_ACTION_FOR_CHECK[entry.checkId as keyof typeof HEALING_ACTION_FOR_CHECK],
        mode: entry.outcome === 'planned' ? 'dry-run' : 'on',
        reason: null,
        deploymentId: null,
        at: new Date().toISOString(),
        ...entry,
      }),
    stop: () => service.stop(),
  };
}
export type HealthStandIn = Awaited<ReturnType<typeof serveHealthStandIn>>;
