import type { HealingAction, HealingPolicy, Node } from '@swarmops/contracts';
import type { FailingCheck } from '../domain/run-outcome.js';
import type { ServiceFacts } from '../domain/snapshot.js';

/** The guardrails that can stop a healing action; each refusal names one. */
export const Guardrail = {
  unknownSubject: 'unknown-subject',
  deploymentRunning: 'deployment-running',
  lastManager: 'last-manager',
  quorum: 'quorum',
  policyHourlyCap: 'policy-hourly-cap',
  globalHourlyCap: 'global-hourly-cap',
} as const;
export type Guardrail = (typeof Guardrail)[keyof typeof Guardrail];

/** The last decision recorded for one check key. */
export interface LastAction {
  outcome: 'planned' | 'executed' | 'failed' | 'refused';
  reason: string | null;
  at: Date;
}

/** Everything {@link decideHealing} looks at; gathered by the listener, so the decision is pure. */
export interface DecideInput {
  now: Date;
  failing: FailingCheck;
  /** The policy of the check; its mode is `dry-run` or `on`. */
  policy: Pick<HealingPolicy, 'mode' | 'action' | 'afterMinutes' | 'maxPerHour' | 'stacks'>;
  nodes: readonly Node[];
  services: readonly Pick<ServiceFacts, 'name' | 'stack'>[];
  /** Stacks with a deployment in status `running`. */
  runningStacks: readonly string[];
  /** Actions (planned, executed, failed) in the last hour in this mode: this check's, and all checks'. */
  lastHour: { policy: number; overall: number };
  /** HEALTH_HEALING_MAX_PER_HOUR. */
  maxPerHourOverall: number;
  lastAction: LastAction | null;
}

/** What the deployer is asked to do. */
export type HealingTarget = { kind: 'service'; service: string } | { kind: 'node'; node: string };

/** The decision: nothing to record now, an action (planned or executed by mode), or a refusal. */
export type HealingDecision =
  | { kind: 'wait'; why: string }
  | { kind: 'act'; action: HealingAction; target: HealingTarget; why: string }
  | { kind: 'refuse'; action: HealingAction; guardrail: Guardrail; why: string };

const HOUR_MS = 3_600_000;

/**
 * Decides what healing does about one failing check. A policy limited to stacks skips (waits on, records
 * nothing for) services outside them, and services outside any stack. Guardrails are checked in this order:
 * the subject exists; for restarts, every task has been unhealthy for `afterMinutes` (until then: wait); no
 * deployment of the service's stack (for drains: no deployment at all) is running; a drain never takes the
 * last active manager or leaves fewer active managers than a quorum; the policy's and the global hourly caps.
 * Within one failure episode an action is repeated at most every `60 / maxPerHour` minutes, and a refusal is
 * recorded once per guardrail.
 */
export function decideHealing(input: DecideInput): HealingDecision {
  const decision = guard(input);
  return dedupe(input, decision);
}

function guard(input: DecideInput): HealingDecision {
  const { failing, policy } = input;
  const action = policy.action;
  const refuse = (guardrail: Guardrail, why: string): HealingDecision => ({
    kind: 'refuse',
    action,
    guardrail,
    why,
  });
  const subject = failing.check.subject;
  const [kind, name = ''] = splitSubject(subject);
  if (action === 'drain-node') {
    const node = kind === 'node' ? input.nodes.find((n) => n.hostname === name || n.id === name) : undefined;
    if (node === undefined) return refuse(Guardrail.unknownSubject, `no node matches ${subject}`);
    if (node.availability === 'drain') return { kind: 'wait', why: `${node.hostname} is already drained` };
    if (input.runningStacks.length > 0) {
      return refuse(
        Guardrail.deploymentRunning,
        `a deployment is running (${input.runningStacks.join(', ')}); drains wait for none to run`,
      );
    }
    const managerRefusal = guardManagers(input.nodes, node);
    if (managerRefusal !== null) return refuse(managerRefusal.guardrail, managerRefusal.why);
    return capsOr(input, { kind: 'act', action, target: { kind: 'node', node: node.hostname }, why: '' });
  }
  const service = kind === 'service' ? input.services.find((s) => s.name === name) : undefined;
  // A policy limited to stacks leaves every other service alone, without a record.
  const serviceStack = service?.stack ?? null;
  if (policy.stacks !== null && (serviceStack === null || !policy.stacks.includes(serviceStack))) {
    return { kind: 'wait', why: `${subject} is not in the policy's stacks (${policy.stacks.join(', ')})` };
  }
  if (service === undefined) return refuse(Guardrail.unknownSubject, `no service matches ${subject}`);
  if (action === 'restart-service') {
    const waitWhy = restartNotDue(input);
    if (waitWhy !== null) return { kind: 'wait', why: waitWhy };
  }
  const stack = service.stack ?? service.name;
  if (input.runningStacks.includes(stack)) {
    return refuse(Guardrail.deploymentRunning, `a deployment of stack ${stack} is running`);
  }
  return capsOr(input, { kind: 'act', action, target: { kind: 'service', service: service.name }, why: '' });
}

function guardManagers(nodes: readonly Node[], node: Node): { guardrail: Guardrail; why: string } | null {
  if (node.role !== 'manager') return null;
  const managers = nodes.filter((n) => n.role === 'manager');
  const active = managers.filter((n) => n.availability === 'active' && n.status === 'ready');
  const remaining = active.filter((n) => n.id !== node.id).length;
  if (remaining === 0) {
    return { guardrail: Guardrail.lastManager, why: `${node.hostname} is the last active manager` };
  }
  const quorum = Math.floor(managers.length / 2) + 1;
  if (remaining < quorum) {
    return {
      guardrail: Guardrail.quorum,
      why: `draining ${node.hostname} would leave ${remaining} active managers, fewer than the quorum of ${quorum}`,
    };
  }
  return null;
}

function capsOr(input: DecideInput, act: HealingDecision & { kind: 'act' }): HealingDecision {
  const { policy, lastHour } = input;
  if (lastHour.policy >= policy.maxPerHour) {
    return {
      kind: 'refuse',
      action: act.action,
      guardrail: Guardrail.policyHourlyCap,
      why: `${lastHour.policy} actions of this policy in the last hour (max ${policy.maxPerHour})`,
    };
  }
  if (lastHour.overall >= input.maxPerHourOverall) {
    return {
      kind: 'refuse',
      action: act.action,
      guardrail: Guardrail.globalHourlyCap,
      why: `${lastHour.overall} healing actions in the last hour (HEALTH_HEALING_MAX_PER_HOUR=${input.maxPerHourOverall})`,
    };
  }
  const target = act.target.kind === 'node' ? `node ${act.target.node}` : `service ${act.target.service}`;
  return {
    ...act,
    why: `${input.failing.check.id} failing since ${input.failing.since}: ${act.action} ${target}`,
  };
}

/** Null when every current task has been unhealthy for `afterMinutes`; otherwise why not yet. */
function restartNotDue(input: DecideInput): string | null {
  const needSeconds = input.policy.afterMinutes * 60;
  const evidence = input.failing.check.evidence ?? {};
  const tasks = Array.isArray(evidence.tasks) ? (evidence.tasks as unknown[]) : null;
  if (tasks === null) {
    const failingFor = (input.now.getTime() - Date.parse(input.failing.since)) / 1000;
    return failingFor >= needSeconds
      ? null
      : `failing for ${Math.floor(failingFor)} s of the ${needSeconds} s the policy waits`;
  }
  const seconds = tasks.map((t) => {
    const value = (t as { unhealthyForSeconds?: unknown } | null)?.unhealthyForSeconds;
    return typeof value === 'number' ? value : 0;
  });
  const current = typeof evidence.currentTasks === 'number' ? evidence.currentTasks : seconds.length;
  if (seconds.length === 0 || seconds.length < current) {
    return `${seconds.length} of ${current} tasks are unhealthy; a restart waits for every task`;
  }
  const least = Math.min(...seconds);
  return least >= needSeconds
    ? null
    : `every task is unhealthy, the newest for ${least} s of the ${needSeconds} s the policy waits`;
}

function dedupe(input: DecideInput, decision: HealingDecision): HealingDecision {
  const last = input.lastAction;
  if (decision.kind === 'wait' || last === null) return decision;
  if (last.at.getTime() < Date.parse(input.failing.since)) return decision;
  if (decision.kind === 'refuse') {
    return last.outcome === 'refused' && last.reason?.startsWith(`${decision.guardrail}:`) === true
      ? { kind: 'wait', why: `already refused (${decision.guardrail}) in this failure` }
      : decision;
  }
  if (last.outcome === 'refused') return decision;
  const spacingMs = HOUR_MS / Math.max(1, input.policy.maxPerHour);
  const nextAt = last.at.getTime() + spacingMs;
  if (input.now.getTime() < nextAt) {
    return {
      kind: 'wait',
      why: `acted at ${last.at.toISOString()}; next attempt after ${new Date(nextAt).toISOString()}`,
    };
  }
  return decision;
}

/** The `reason` a refusal is recorded with: `<guardrail>: <why>`. */
export function refusalReason(decision: { guardrail: Guardrail; why: string }): string {
  return `${decision.guardrail}: ${decision.why}`;
}

function splitSubject(subject: string): [string, string] {
  const at = subject.indexOf(':');
  return at < 0 ? [subject, ''] : [subject.slice(0, at), subject.slice(at + 1)];
}
