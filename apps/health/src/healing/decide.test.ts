import { describe, expect, it } from 'vitest';
import type { CheckResult, Node } from '@swarmops/contracts';
import { decideHealing, refusalReason } from './decide.js';
import type { DecideInput } from './decide.js';

const NOW = new Date('2026-11-27T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);

const node = (id: string, role: Node['role'], over: Partial<Node> = {}): Node => ({
  id,
  hostname: `host-${id}`,
  ipAddress: '10.0.0.1',
  role,
  status: 'ready',
  availability: 'active',
  resources: { cpus: 2, memoryBytes: 1 << 30 },
  labels: {},
  ...over,
});

const check = (id: string, subject: string, evidence?: Record<string, unknown>): CheckResult => ({
  id,
  status: 'fail',
  severity: 'high',
  subject,
  message: 'failing',
  ...(evidence === undefined ? {} : { evidence }),
});

function input(over: Partial<DecideInput> & Pick<DecideInput, 'failing'>): DecideInput {
  return {
    now: NOW,
    policy: { mode: 'on', action: 'force-update', afterMinutes: 5, maxPerHour: 3, stacks: null },
    nodes: [node('m1', 'manager')],
    services: [{ name: 'shop_web', stack: 'shop' }],
    runningStacks: [],
    lastHour: { policy: 0, overall: 0 },
    maxPerHourOverall: 6,
    lastAction: null,
    ...over,
  };
}

const paused = {
  check: check('service.update', 'service:shop_web'),
  since: minutesAgo(1).toISOString(),
  lastAlertAt: null,
};

describe('decideHealing: force-update', () => {
  it('force-updates a service whose update is paused', () => {
    expect(decideHealing(input({ failing: paused }))).toMatchObject({
      kind: 'act',
      action: 'force-update',
      target: { kind: 'service', service: 'shop_web' },
    });
  });

  it('refuses while a deployment of the same stack runs, but not for another stack', () => {
    expect(decideHealing(input({ failing: paused, runningStacks: ['shop'] }))).toMatchObject({
      kind: 'refuse',
      guardrail: 'deployment-running',
    });
    expect(decideHealing(input({ failing: paused, runningStacks: ['other'] })).kind).toBe('act');
  });

  it('refuses at the policy cap and at the global cap', () => {
    expect(decideHealing(input({ failing: paused, lastHour: { policy: 3, overall: 3 } }))).toMatchObject({
      kind: 'refuse',
      guardrail: 'policy-hourly-cap',
    });
    expect(decideHealing(input({ failing: paused, lastHour: { policy: 1, overall: 6 } }))).toMatchObject({
      kind: 'refuse',
      guardrail: 'global-hourly-cap',
    });
    expect(decideHealing(input({ failing: paused, maxPerHourOverall: 0 }))).toMatchObject({
      kind: 'refuse',
      guardrail: 'global-hourly-cap',
    });
  });

  it('refuses a subject that is not in the snapshot', () => {
    const gone = { ...paused, check: check('service.update', 'service:gone') };
    expect(decideHealing(input({ failing: gone }))).toMatchObject({
      kind: 'refuse',
      guardrail: 'unknown-subject',
    });
  });

  it('acts once per failure and again only after 60 / maxPerHour minutes', () => {
    const long = { ...paused, since: minutesAgo(30).toISOString() };
    const at = (m: number) => ({ outcome: 'executed' as const, reason: null, at: minutesAgo(m) });
    expect(decideHealing(input({ failing: long, lastAction: at(19) })).kind).toBe('wait');
    expect(decideHealing(input({ failing: long, lastAction: at(21) })).kind).toBe('act');
    // An action from an earlier failure episode does not hold back a new one.
    expect(decideHealing(input({ failing: paused, lastAction: at(2) })).kind).toBe('act');
  });

  it('records a refusal once per guardrail within one failure', () => {
    const refusal = decideHealing(input({ failing: paused, runningStacks: ['shop'] }));
    if (refusal.kind !== 'refuse') throw new Error('expected a refusal');
    const last = { outcome: 'refused' as const, reason: refusalReason(refusal), at: minutesAgo(0.5) };
    expect(decideHealing(input({ failing: paused, runningStacks: ['shop'], lastAction: last })).kind).toBe(
      'wait',
    );
    expect(
      decideHealing(input({ failing: paused, lastHour: { policy: 3, overall: 3 }, lastAction: last })),
    ).toMatchObject({ kind: 'refuse', guardrail: 'policy-hourly-cap' });
    expect(decideHealing(input({ failing: paused, lastAction: last })).kind).toBe('act');
  });
});

describe('decideHealing: a policy limited to stacks', () => {
  const limited = (stacks: string[]) => ({
    mode: 'on' as const,
    action: 'force-update' as const,
    afterMinutes: 5,
    maxPerHour: 3,
    stacks,
  });
  const services = [
    { name: 'shop_web', stack: 'shop' },
    { name: 'blog_web', stack: 'blog' },
    { name: 'loose', stack: null },
  ];
  const failingOn = (service: string) => ({
    ...paused,
    check: check('service.update', `service:${service}`),
  });

  it('acts on a service of one of its stacks', () => {
    expect(
      decideHealing(input({ policy: limited(['blog', 'shop']), services, failing: failingOn('shop_web') })),
    ).toMatchObject({ kind: 'act', target: { kind: 'service', service: 'shop_web' } });
  });

  it('skips a service of another stack without a refusal, even past the caps', () => {
    const decision = decideHealing(
      input({
        policy: limited(['shop']),
        services,
        failing: failingOn('blog_web'),
        runningStacks: ['blog'],
        lastHour: { policy: 3, overall: 6 },
      }),
    );
    expect(decision).toMatchObject({ kind: 'wait' });
    expect(decision.kind === 'wait' && decision.why).toContain('not in the policy');
  });

  it('skips services outside any stack and unknown services', () => {
    expect(
      decideHealing(input({ policy: limited(['shop']), services, failing: failingOn('loose') })).kind,
    ).toBe('wait');
    expect(
      decideHealing(input({ policy: limited(['shop']), services, failing: failingOn('gone_web') })).kind,
    ).toBe('wait');
  });

  it('still refuses by the guardrails inside its stacks', () => {
    expect(
      decideHealing(
        input({
          policy: limited(['shop']),
          services,
          failing: failingOn('shop_web'),
          runningStacks: ['shop'],
        }),
      ),
    ).toMatchObject({ kind: 'refuse', guardrail: 'deployment-running' });
  });

  it('without stacks, acts on services outside any stack too', () => {
    expect(decideHealing(input({ services, failing: failingOn('loose') }))).toMatchObject({
      kind: 'act',
      target: { kind: 'service', service: 'loose' },
    });
  });
});

describe('decideHealing: restart-service', () => {
  const policy = {
    mode: 'on' as const,
    action: 'restart-service' as const,
    afterMinutes: 5,
    maxPerHour: 3,
    stacks: null,
  };
  const unhealthy = (tasks: number[], currentTasks?: number) => ({
    check: check('service.healthcheck', 'service:shop_web', {
      tasks: tasks.map((s, i) => ({ id: `t${i}`, unhealthyForSeconds: s })),
      ...(currentTasks === undefined ? {} : { currentTasks }),
    }),
    since: minutesAgo(10).toISOString(),
    lastAlertAt: null,
  });

  it('restarts only when every task has been unhealthy for afterMinutes', () => {
    expect(decideHealing(input({ policy, failing: unhealthy([400, 301]) }))).toMatchObject({
      kind: 'act',
      action: 'restart-service',
    });
    expect(decideHealing(input({ policy, failing: unhealthy([400, 120]) })).kind).toBe('wait');
    expect(decideHealing(input({ policy, failing: unhealthy([400, 400], 3) })).kind).toBe('wait');
  });

  it('falls back to how long the check has failed when the evidence has no tasks', () => {
    const bare = (m: number) => ({
      check: check('service.healthcheck', 'service:shop_web'),
      since: minutesAgo(m).toISOString(),
      lastAlertAt: null,
    });
    expect(decideHealing(input({ policy, failing: bare(6) })).kind).toBe('act');
    expect(decideHealing(input({ policy, failing: bare(4) })).kind).toBe('wait');
  });
});

describe('decideHealing: drain-node', () => {
  const policy = {
    mode: 'on' as const,
    action: 'drain-node' as const,
    afterMinutes: 5,
    maxPerHour: 3,
    stacks: null,
  };
  const flapping = (host: string) => ({
    check: check('node.flapping', `node:${host}`),
    since: minutesAgo(1).toISOString(),
    lastAlertAt: null,
  });

  it('drains a flapping worker', () => {
    const nodes = [node('m1', 'manager'), node('w1', 'worker')];
    expect(decideHealing(input({ policy, nodes, failing: flapping('host-w1') }))).toMatchObject({
      kind: 'act',
      target: { kind: 'node', node: 'host-w1' },
    });
  });

  it('never drains the last active manager', () => {
    const nodes = [node('m1', 'manager'), node('w1', 'worker')];
    expect(decideHealing(input({ policy, nodes, failing: flapping('host-m1') }))).toMatchObject({
      kind: 'refuse',
      guardrail: 'last-manager',
    });
  });

  it('never leaves fewer active managers than a quorum', () => {
    const nodes = [
      node('m1', 'manager'),
      node('m2', 'manager'),
      node('m3', 'manager', { availability: 'drain' }),
    ];
    expect(decideHealing(input({ policy, nodes, failing: flapping('host-m1') }))).toMatchObject({
      kind: 'refuse',
      guardrail: 'quorum',
    });
    const three = [node('m1', 'manager'), node('m2', 'manager'), node('m3', 'manager')];
    expect(decideHealing(input({ policy, nodes: three, failing: flapping('host-m1') })).kind).toBe('act');
  });

  it('waits for no deployment at all to run before draining', () => {
    const nodes = [node('m1', 'manager'), node('w1', 'worker')];
    expect(
      decideHealing(input({ policy, nodes, runningStacks: ['any'], failing: flapping('host-w1') })),
    ).toMatchObject({ kind: 'refuse', guardrail: 'deployment-running' });
  });

  it('does nothing for a node that is already drained', () => {
    const nodes = [node('m1', 'manager'), node('w1', 'worker', { availability: 'drain' })];
    expect(decideHealing(input({ policy, nodes, failing: flapping('host-w1') })).kind).toBe('wait');
  });
});
