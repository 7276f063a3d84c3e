import type { CheckResult } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import type { CheckState } from './transitions.js';
import { computeTransitions, subjectLookup, verdictEventKind } from './transitions.js';

const T0 = new Date('2026-11-27T10:00:00.000Z');
const T1 = new Date('2026-11-27T10:00:15.000Z');

const result = (
  id: string,
  subject: string,
  status: CheckResult['status'],
  severity: CheckResult['severity'] = status === 'ok' ? 'info' : 'high',
): CheckResult => ({ id, subject, status, severity, message: `${id} on ${subject} is ${status}` });

const state = (
  check: CheckResult,
  since = T0.toISOString(),
  lastAlertAt: string | null = null,
): CheckState => ({
  key: `${check.id}|${check.subject}`,
  status: check.status,
  since,
  lastAlertAt,
  check,
});

const run = (previous: CheckState[], checks: CheckResult[], exists: (s: string) => boolean = () => true) =>
  computeTransitions({
    previous,
    previousVerdict: null,
    checks,
    status: 'degraded',
    subjectExists: exists,
    now: T1,
  });

describe('computeTransitions', () => {
  it('announces a check entering fail once, with its previous status', () => {
    const first = run([], [result('node.status', 'node:w1', 'fail')]);
    expect(first.transitions).toEqual([
      expect.objectContaining({
        key: 'node.status|node:w1',
        kind: 'failed',
        previous: null,
        reason: 'changed',
      }),
    ]);
    const again = run(first.states, [result('node.status', 'node:w1', 'fail')]);
    expect(again.transitions).toEqual([]);
    expect(again.states[0]?.since).toBe(T1.toISOString());
  });

  it('announces warn → fail as failed, and fail → warn as recovered', () => {
    const warn = state(result('service.update', 'service:a', 'warn'));
    expect(run([warn], [result('service.update', 'service:a', 'fail')]).transitions[0]).toMatchObject({
      kind: 'failed',
      previous: 'warn',
    });
    const fail = state(result('service.update', 'service:a', 'fail'));
    expect(run([fail], [result('service.update', 'service:a', 'warn')]).transitions[0]).toMatchObject({
      kind: 'recovered',
      previous: 'fail',
      check: { status: 'warn' },
    });
  });

  it('keeps since and the last alert while the status holds, and resets them on a change', () => {
    const fail = state(result('node.status', 'node:w1', 'fail'), T0.toISOString(), T0.toISOString());
    const same = run([fail], [result('node.status', 'node:w1', 'fail')]);
    expect(same.states[0]).toMatchObject({ since: T0.toISOString(), lastAlertAt: T0.toISOString() });
    expect(same.failing).toEqual([
      {
        check: result('node.status', 'node:w1', 'fail'),
        since: T0.toISOString(),
        lastAlertAt: T0.toISOString(),
      },
    ]);
    const ok = run([fail], [result('node.status', 'node:w1', 'ok')]);
    expect(ok.states[0]).toMatchObject({ since: T1.toISOString(), lastAlertAt: null });
    expect(ok.failing).toEqual([]);
  });

  it('recovers a failing key that is no longer reported while its subject exists, with an ok result', () => {
    const fail = state(result('node.status', 'node:w1', 'fail'));
    const out = run([fail], [result('node.status', 'cluster', 'ok')]);
    expect(out.removed).toEqual(['node.status|node:w1']);
    expect(out.transitions).toEqual([
      {
        key: 'node.status|node:w1',
        kind: 'recovered',
        previous: 'fail',
        reason: 'changed',
        check: expect.objectContaining({ id: 'node.status', subject: 'node:w1', status: 'ok' }) as unknown,
      },
    ]);
  });

  it('recovers with reason gone and the last failing result when the subject left the cluster', () => {
    const failing = result('service.crash-loop', 'service:old', 'fail');
    const out = run([state(failing)], [], () => false);
    expect(out.transitions).toEqual([
      {
        key: 'service.crash-loop|service:old',
        kind: 'recovered',
        previous: 'fail',
        reason: 'gone',
        check: failing,
      },
    ]);
  });

  it('drops keys of ok or warn checks that are no longer reported, without an event', () => {
    const out = run([state(result('node.availability', 'node:w2', 'warn'))], []);
    expect(out.removed).toEqual(['node.availability|node:w2']);
    expect(out.transitions).toEqual([]);
  });

  it('keeps the worst result when one key is reported twice', () => {
    const out = run([], [result('x.y', 'cluster', 'warn'), result('x.y', 'cluster', 'fail')]);
    expect(out.states).toHaveLength(1);
    expect(out.transitions).toHaveLength(1);
  });

  it('reports a verdict change only when the verdict differs', () => {
    const base = { previous: [], checks: [], subjectExists: () => true, now: T1 };
    expect(
      computeTransitions({ ...base, previousVerdict: 'healthy', status: 'healthy' }).verdictChange,
    ).toBeNull();
    expect(
      computeTransitions({ ...base, previousVerdict: 'healthy', status: 'degraded' }).verdictChange,
    ).toEqual({
      previous: 'healthy',
      status: 'degraded',
    });
  });
});

describe('verdictEventKind', () => {
  it('says degraded when the verdict leaves healthy or gets worse', () => {
    expect(verdictEventKind({ previous: 'healthy', status: 'degraded' })).toBe('degraded');
    expect(verdictEventKind({ previous: null, status: 'unhealthy' })).toBe('degraded');
    expect(verdictEventKind({ previous: 'degraded', status: 'unhealthy' })).toBe('degraded');
  });

  it('says recovered when the verdict is healthy again, and nothing on a first healthy run or a partial recovery', () => {
    expect(verdictEventKind({ previous: 'unhealthy', status: 'healthy' })).toBe('recovered');
    expect(verdictEventKind({ previous: null, status: 'healthy' })).toBeNull();
    expect(verdictEventKind({ previous: 'unhealthy', status: 'degraded' })).toBeNull();
    expect(verdictEventKind(null)).toBeNull();
  });
});

describe('subjectLookup', () => {
  const exists = subjectLookup({
    nodes: [{ hostname: 'w1' }],
    services: [{ name: 'shop_api', stack: 'shop' }],
    secrets: [{ name: 'db_password' }],
    configs: [],
  });

  it('finds nodes, services, stacks and secrets of the snapshot', () => {
    expect(['node:w1', 'service:shop_api', 'stack:shop', 'secret:db_password'].map(exists)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['node:w9', 'service:gone', 'stack:old', 'config:c'].map(exists)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('treats the cluster and platform parts as always present', () => {
    expect(exists('cluster')).toBe(true);
    expect(exists('platform:nats')).toBe(true);
  });
});
