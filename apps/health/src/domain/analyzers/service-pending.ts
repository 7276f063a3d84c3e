import type { CheckResult, Task } from '@swarmops/contracts';
import type { Analyzer } from '../analyzer.js';
import type { ClusterSnapshot, ServiceFacts } from '../snapshot.js';
import {
  docList,
  secondsSince,
  serviceSubject,
  taskEvidence,
  taskTemplate,
  tasksByService,
} from './service-facts.js';

/** Why the scheduler found no node, read from the task's error and message. */
export type PendingReason = 'constraint' | 'resources' | 'platform' | 'max-replicas' | 'unknown';

const PATTERNS: ReadonlyArray<[RegExp, PendingReason]> = [
  [/scheduling constraints not satisfied/i, 'constraint'],
  [/insufficient resources/i, 'resources'],
  [/unsupported platform/i, 'platform'],
  [/max replicas per node/i, 'max-replicas'],
];

/**
 * The reasons in a scheduler message such as `no suitable node (scheduling constraints not satisfied on 2
 * nodes; insufficient resources on 1 node)`; `unknown` when none is recognised.
 */
export function classifyPending(text: string): PendingReason[] {
  const reasons = PATTERNS.filter(([pattern]) => pattern.test(text)).map(([, reason]) => reason);
  return reasons.length > 0 ? reasons : ['unknown'];
}

/**
 * `service.pending`: tasks Swarm wants running that stay `pending` longer than `pendingGraceSeconds`, with
 * the scheduler's reason classified (constraint, resources, platform, max-replicas).
 */
export const servicePending: Analyzer = {
  id: 'service.pending',
  title: 'tasks stuck pending without a suitable node',
  subjectKind: 'service',
  analyze(snapshot, ctx) {
    const byService = tasksByService(snapshot);
    const results: CheckResult[] = [];
    for (const service of snapshot.services) {
      const stuck = (byService.get(service.id) ?? []).filter(
        (t) =>
          t.state === 'pending' &&
          t.desiredState === 'running' &&
          secondsSince(ctx.now, t.updatedAt) > ctx.settings.pendingGraceSeconds,
      );
      if (stuck.length > 0) results.push(judge(service, stuck, snapshot, ctx.now));
    }
    if (results.length > 0) return results;
    return [
      {
        id: 'service.pending',
        status: 'ok',
        severity: 'info',
        subject: 'cluster',
        message: `no task of ${snapshot.services.length} services is pending longer than ${ctx.settings.pendingGraceSeconds} s`,
        evidence: { services: snapshot.services.length, graceSeconds: ctx.settings.pendingGraceSeconds },
      },
    ];
  },
};

function judge(service: ServiceFacts, stuck: Task[], snapshot: ClusterSnapshot, now: Date): CheckResult {
  const text = stuck.map((t) => `${t.error ?? ''} ${t.message}`).join(' ');
  const reasons = classifyPending(text);
  const placement = taskTemplate(service)['Placement'] as Record<string, unknown> | undefined;
  const reservations = (taskTemplate(service)['Resources'] as Record<string, unknown> | undefined)?.[
    'Reservations'
  ] as { NanoCPUs?: number; MemoryBytes?: number } | undefined;
  const eligible = snapshot.nodes.filter((n) => n.status === 'ready' && n.availability === 'active');
  const evidence = {
    reasons,
    pendingTasks: stuck.length,
    pendingSeconds: Math.max(...stuck.map((t) => secondsSince(now, t.updatedAt))),
    tasks: stuck.slice(0, 10).map(taskEvidence),
    constraints: service.constraints,
    platforms: docList(placement?.['Platforms']),
    reservations: {
      cpus: (reservations?.NanoCPUs ?? 0) / 1e9,
      memoryBytes: reservations?.MemoryBytes ?? 0,
    },
    largestNode: {
      cpus: Math.max(0, ...eligible.map((n) => n.resources.cpus)),
      memoryBytes: Math.max(0, ...eligible.map((n) => n.resources.memoryBytes)),
    },
    readyActiveNodes: eligible.length,
  };
  return {
    id: 'service.pending',
    status: 'fail',
    severity: service.replicas.running === 0 ? 'high' : 'medium',
    subject: serviceSubject(service),
    message: `${stuck.length} task(s) of ${service.name} pending for ${evidence.pendingSeconds} s: ${stuck[0]?.error ?? stuck[0]?.message ?? 'no node'} (${reasons.join(', ')})`,
    evidence,
    fix: reasons.map((reason) => FIXES[reason](service, evidence)).join('; '),
  };
}

type Evidence = {
  reservations: { cpus: number; memoryBytes: number };
  largestNode: { cpus: number; memoryBytes: number };
};

const FIXES: Record<PendingReason, (service: ServiceFacts, e: Evidence) => string> = {
  constraint: (s) =>
    `no ready, active node matches [${s.constraints.join(', ')}]: label a node (\`docker node update --label-add key=value <node>\`) or change the placement constraints of ${s.name}`,
  resources: (s, e) =>
    `${s.name} reserves ${e.reservations.cpus} CPUs / ${e.reservations.memoryBytes} bytes per task while the largest ready, active node has ${e.largestNode.cpus} CPUs / ${e.largestNode.memoryBytes} bytes: lower deploy.resources.reservations, scale down other services, or add a node`,
  platform: (s) =>
    `the image of ${s.name} is built for a platform no node has: build it for the nodes' OS/architecture or constrain it to matching nodes`,
  'max-replicas': (s) =>
    `max_replicas_per_node of ${s.name} leaves no node for the remaining replicas: raise it, lower the replicas, or add nodes`,
  unknown: (s) =>
    `see \`docker service ps --no-trunc ${s.name}\` for why the scheduler keeps its tasks pending`,
};
