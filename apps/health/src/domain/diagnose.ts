import { InventoryChangeSchema } from '@swarmops/contracts';
import type {
  CheckResult,
  DeploymentSummary,
  EventEnvelope,
  ServiceDetail,
  ServiceDiagnosis,
} from '@swarmops/contracts';
import { verdictOf } from './verdict.js';

type DiagnosisEvent = ServiceDiagnosis['recentEvents'][number];

/** What a diagnosis is made of; the handler gathers it, this module only judges. */
export interface DiagnoseInput {
  detail: ServiceDetail;
  /** The results of a run scoped to the service. */
  checks: readonly CheckResult[];
  events: readonly DiagnosisEvent[];
  deployments: readonly DeploymentSummary[];
  now: Date;
}

const SEVERITY_RANK: Record<CheckResult['severity'], number> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  info: 0,
};

const MAX_EVENTS = 20;
const MAX_DEPLOYMENTS = 5;

/**
 * Why a service is (not) converging: its problems worst first (fail before warn, then severity), the last
 * task error when it adds something, its recent events and deployments, and the fixes in that order.
 */
export function diagnose(input: DiagnoseInput): ServiceDiagnosis {
  const { service, lastTaskErrors } = input.detail;
  const problems = input.checks
    .filter((c) => c.status !== 'ok')
    .sort(
      (a, b) =>
        Number(b.status === 'fail') - Number(a.status === 'fail') ||
        SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity],
    );
  const fixes = [...new Set(problems.flatMap((c) => (c.fix === undefined ? [] : [c.fix])))];
  return {
    service: service.name,
    stack: service.stack,
    status: verdictOf(input.checks),
    summary: summarize(service.name, service.replicas, problems, lastTaskErrors[0]?.error),
    replicas: service.replicas,
    checks: [...input.checks],
    taskErrors: lastTaskErrors,
    recentEvents: [...input.events].sort((a, b) => b.time.localeCompare(a.time)).slice(0, MAX_EVENTS),
    recentDeployments: input.deployments.slice(0, MAX_DEPLOYMENTS),
    fixes,
    checkedAt: input.now.toISOString(),
  };
}

function summarize(
  name: string,
  replicas: { desired: number; running: number },
  problems: readonly CheckResult[],
  lastError: string | undefined,
): string {
  const counts = `${replicas.running} of ${replicas.desired} replicas running`;
  const [first, second] = problems;
  if (first === undefined) {
    return lastError === undefined
      ? `${name}: ${counts}; no problem found.`
      : `${name}: ${counts}; no problem found now (an earlier task failed: ${lastError}).`;
  }
  const parts = [sentence(first.message)];
  if (lastError !== undefined && !problems.some((p) => JSON.stringify(p).includes(lastError))) {
    parts.push(`Last task error: ${lastError}.`);
  } else if (second !== undefined) {
    parts.push(`Also: ${sentence(second.message)}`);
  }
  return parts.join(' ');
}

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/**
 * One event of the service as a diagnosis line, or null when the event is about another service.
 * Task events name `<service>.<slot|node>`; service events name the service.
 */
export function describeServiceEvent(
  envelope: EventEnvelope,
  service: { id: string; name: string },
): DiagnosisEvent | null {
  const parsed = InventoryChangeSchema.safeParse(envelope.data);
  if (!parsed.success) return null;
  const change = parsed.data;
  if (change.kind === 'service') {
    if (change.id !== service.id && change.name !== service.name) return null;
    return {
      type: envelope.type,
      time: envelope.time,
      summary: serviceSummary(envelope.type, change.changes),
    };
  }
  if (change.kind !== 'task') return null;
  const serviceId = change.changes.serviceId?.new;
  const ownTask =
    serviceId === service.id ||
    (change.name.startsWith(`${service.name}.`) && !change.name.slice(service.name.length + 1).includes('.'));
  if (!ownTask) return null;
  const state = change.changes.state;
  const error = change.changes.error?.new;
  const flip = state === undefined ? 'changed' : `${text(state.old) ?? 'new'} → ${text(state.new) ?? '?'}`;
  const suffix = typeof error === 'string' && error !== '' ? `: ${error}` : '';
  return { type: envelope.type, time: envelope.time, summary: `task ${change.name} ${flip}${suffix}` };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function serviceSummary(type: string, changes: Record<string, { old: unknown; new: unknown }>): string {
  if (type === 'service.scaled') {
    const desired = (v: unknown) =>
      typeof v === 'object' && v !== null && 'desired' in v ? String(v.desired) : '?';
    return `scaled from ${desired(changes.replicas?.old)} to ${desired(changes.replicas?.new)} replicas`;
  }
  if (type === 'service.created') return 'service created';
  if (type === 'service.removed') return 'service removed';
  const fields = Object.keys(changes);
  return fields.length === 0 ? 'service updated' : `service updated: ${fields.slice(0, 6).join(', ')}`;
}
