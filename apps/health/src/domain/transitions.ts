import { checkKey } from '@swarmops/contracts';
import type { CheckResult, CheckStatus, HealthStatus } from '@swarmops/contracts';
import type { CheckTransition, FailingCheck } from './run-outcome.js';

/** The stored state of one check key, carried across cluster-wide runs. */
export interface CheckState {
  key: string;
  status: CheckStatus;
  /** ISO time the check entered `status`. */
  since: string;
  lastAlertAt: string | null;
  /** The last result seen for the key. */
  check: CheckResult;
}

/** What {@link computeTransitions} needs: the previous states and verdict, and the new run. */
export interface TransitionInput {
  previous: readonly CheckState[];
  previousVerdict: HealthStatus | null;
  checks: readonly CheckResult[];
  status: HealthStatus;
  /** Whether a subject (`node:w1`, `service:shop_api`...) still exists in the snapshot. */
  subjectExists: (subject: string) => boolean;
  now: Date;
}

/** The state changes of one run: what to write, what to delete, and what to announce. */
export interface TransitionResult {
  transitions: CheckTransition[];
  /** The new state of every key the run produced. */
  states: CheckState[];
  /** Keys the run no longer produced (their rows are dropped). */
  removed: string[];
  verdictChange: { previous: HealthStatus | null; status: HealthStatus } | null;
  failing: FailingCheck[];
}

const RANK: Record<CheckStatus, number> = { ok: 0, warn: 1, fail: 2 };

/**
 * Compares a cluster-wide run with the stored states. A key entering `fail` is `failed`; a key leaving
 * `fail` is `recovered`. A failing key the run no longer produced recovered too: with reason `gone` (and the
 * last failing result) when its subject left the cluster, otherwise `changed` with a synthetic `ok` result
 * (an analyzer reports a fixed subject by its single `ok` line on `cluster`).
 */
export function computeTransitions(input: TransitionInput): TransitionResult {
  const at = input.now.toISOString();
  const before = new Map(input.previous.map((s) => [s.key, s]));
  const current = dedupe(input.checks);
  const transitions: CheckTransition[] = [];
  const states: CheckState[] = [];
  for (const [key, check] of current) {
    const prev = before.get(key);
    const changed = prev === undefined || prev.status !== check.status;
    states.push({
      key,
      status: check.status,
      since: changed ? at : prev.since,
      lastAlertAt: changed ? null : prev.lastAlertAt,
      check,
    });
    if (check.status === 'fail' && prev?.status !== 'fail') {
      transitions.push({ key, kind: 'failed', check, previous: prev?.status ?? null, reason: 'changed' });
    } else if (check.status !== 'fail' && prev?.status === 'fail') {
      transitions.push({ key, kind: 'recovered', check, previous: 'fail', reason: 'changed' });
    }
  }
  const removed: string[] = [];
  for (const prev of input.previous) {
    if (current.has(prev.key)) continue;
    removed.push(prev.key);
    if (prev.status !== 'fail') continue;
    transitions.push(goneRecovery(prev, input.subjectExists(prev.check.subject)));
  }
  const verdictChange =
    input.previousVerdict === input.status ? null : { previous: input.previousVerdict, status: input.status };
  const failing = states
    .filter((s) => s.status === 'fail')
    .map((s) => ({ check: s.check, since: s.since, lastAlertAt: s.lastAlertAt }));
  return { transitions, states, removed, verdictChange, failing };
}

function dedupe(checks: readonly CheckResult[]): Map<string, CheckResult> {
  const byKey = new Map<string, CheckResult>();
  for (const check of checks) {
    const key = checkKey(check);
    const seen = byKey.get(key);
    if (seen === undefined || RANK[check.status] > RANK[seen.status]) byKey.set(key, check);
  }
  return byKey;
}

function goneRecovery(prev: CheckState, subjectExists: boolean): CheckTransition {
  if (!subjectExists) {
    return { key: prev.key, kind: 'recovered', check: prev.check, previous: 'fail', reason: 'gone' };
  }
  const check: CheckResult = {
    id: prev.check.id,
    status: 'ok',
    severity: 'info',
    subject: prev.check.subject,
    message: `no longer failing (was: ${prev.check.message})`,
  };
  return { key: prev.key, kind: 'recovered', check, previous: 'fail', reason: 'changed' };
}

const VERDICT_RANK: Record<HealthStatus, number> = { healthy: 0, degraded: 1, unhealthy: 2 };

/**
 * Which verdict event a change emits: `health.degraded` when the verdict left healthy or got worse,
 * `health.recovered` when it is healthy again after not being so; nothing on the first healthy run.
 */
export function verdictEventKind(
  change: { previous: HealthStatus | null; status: HealthStatus } | null,
): 'degraded' | 'recovered' | null {
  if (change === null) return null;
  const { previous, status } = change;
  if (status === 'healthy') return previous === null ? null : 'recovered';
  if (previous === null || VERDICT_RANK[status] > VERDICT_RANK[previous]) return 'degraded';
  return null;
}

/** Whether a subject still exists: nodes, services, stacks, secrets and configs are looked up. */
export function subjectLookup(facts: {
  nodes: readonly { hostname: string }[];
  services: readonly { name: string; stack: string | null }[];
  secrets: readonly { name: string }[];
  configs: readonly { name: string }[];
}): (subject: string) => boolean {
  const names = new Set<string>([
    ...facts.nodes.map((n) => `node:${n.hostname}`),
    ...facts.services.map((s) => `service:${s.name}`),
    ...facts.services.flatMap((s) => (s.stack === null ? [] : [`stack:${s.stack}`])),
    ...facts.secrets.map((s) => `secret:${s.name}`),
    ...facts.configs.map((c) => `config:${c.name}`),
  ]);
  return (subject) => {
    const kind = subject.split(':', 1)[0];
    if (kind === 'node' || kind === 'service' || kind === 'stack' || kind === 'secret' || kind === 'config') {
      return names.has(subject);
    }
    return true;
  };
}
