import { describe, expect, it } from 'vitest';
import { AppError } from '@swarmops/contracts';
import type { HealingMode, HealingPolicy, HealingRecord, ServiceChangeData } from '@swarmops/contracts';
import { silentLogger } from '@swarmops/bus';
import { failingCheck, outcomeOf, serviceFacts } from './__fixtures__/snapshot.js';
import type { HealingDeployer } from './healing-deployer.js';
import type { HealingRepo, NewHealingRecord } from './healing-repo.js';
import { createHealingCore } from './listener.js';

const NOW = new Date('2026-11-27T12:00:00.000Z');

function memoryRepo(policies: HealingPolicy[]) {
  const records: (HealingRecord & Pick<NewHealingRecord, 'errorCode'>)[] = [];
  let seq = 0;
  const repo: HealingRepo = {
    policies: () => Promise.resolve(policies),
    setPolicy: () => Promise.reject(new Error('not used')),
    list: () => Promise.resolve({ items: [...records].reverse(), nextCursor: null }),
    countSince: (_c, checkId, mode: HealingMode) => {
      const counted = records.filter((r) => r.mode === mode && r.outcome !== 'refused');
      return Promise.resolve({
        policy: counted.filter((r) => r.checkId === checkId).length,
        overall: counted.length,
      });
    },
    lastAction: (_c, checkId, subject, mode) => {
      const last = records
        .filter((r) => r.checkId === checkId && r.subject === subject && r.mode === mode)
        .at(-1);
      return Promise.resolve(
        last === undefined ? null : { outcome: last.outcome, reason: last.reason, at: new Date(last.at) },
      );
    },
    record: (_c, input) => {
      const { durationMs: _d, ...rest } = input;
      const record = {
        ...rest,
        id: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
        at: NOW.toISOString(),
      };
      records.push(record);
      return Promise.resolve(record);
    },
  };
  return { repo, records };
}

const policy = (mode: HealingMode): HealingPolicy => ({
  checkId: 'service.update',
  mode,
  action: 'force-update',
  afterMinutes: 5,
  maxPerHour: 3,
  stacks: null,
  updatedBy: null,
  updatedAt: NOW.toISOString(),
});

function gatedDeployer(result: () => Promise<ServiceChangeData>) {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const deployer: HealingDeployer = {
    runningStacks: () => Promise.resolve([]),
    async restart(input) {
      calls.push(input.service);
      await gate;
      return result();
    },
    drain: () =>
      Promise.reject(new AppError('FORBIDDEN', 'refusing to drain m1: it is the last active manager')),
  };
  return { deployer, calls, release };
}

const outcome = () =>
  outcomeOf(
    'c1',
    [],
    [serviceFacts('shop_web', 'shop')],
    [failingCheck('service.update', 'service:shop_web', new Date(NOW.getTime() - 60_000))],
  );

const changed = (status: ServiceChangeData['status'], error?: string): ServiceChangeData => ({
  deploymentId: '00000000-0000-4000-8000-000000000001',
  status,
  service: 'shop_web',
  image: 'x',
  replicas: { desired: 1, running: status === 'succeeded' ? 1 : 0 },
  ...(error === undefined ? {} : { error }),
});

const core = (repo: HealingRepo, deployer: HealingDeployer) =>
  createHealingCore({
    repo,
    deployer,
    logger: silentLogger,
    maxPerHour: 6,
    now: () => NOW,
    newId: () => '00000000-0000-4000-8000-0000000000aa',
  });

describe('healing listener', () => {
  it('records a plan in dry-run and never calls the deployer', async () => {
    const { repo, records } = memoryRepo([policy('dry-run')]);
    const { deployer, calls } = gatedDeployer(() => Promise.resolve(changed('succeeded')));
    await core(repo, deployer).afterRun(outcome());
    expect(records.map((r) => r.outcome)).toEqual(['planned']);
    expect(calls).toEqual([]);
  });

  it('runs one action per check key at a time and records it when the deployer replies', async () => {
    const { repo, records } = memoryRepo([policy('on')]);
    const { deployer, calls, release } = gatedDeployer(() => Promise.resolve(changed('succeeded')));
    const listener = core(repo, deployer);
    await listener.afterRun(outcome());
    await listener.afterRun(outcome());
    expect(calls).toEqual(['shop_web']);
    expect(records).toEqual([]);
    release();
    await listener.settled();
    expect(records).toMatchObject([
      { outcome: 'executed', deploymentId: '00000000-0000-4000-8000-0000000000aa', mode: 'on' },
    ]);
  });

  it('records a rolled-back restart as failed with the deployment error', async () => {
    const { repo, records } = memoryRepo([policy('on')]);
    const { deployer, release } = gatedDeployer(() =>
      Promise.resolve(changed('rolled-back', 'tasks failed')),
    );
    const listener = core(repo, deployer);
    release();
    await listener.afterRun(outcome());
    await listener.settled();
    expect(records).toMatchObject([{ outcome: 'failed', reason: 'deployment rolled-back: tasks failed' }]);
  });

  it('records a deployer refusal as refused', async () => {
    const { repo, records } = memoryRepo([
      { ...policy('on'), checkId: 'node.flapping', action: 'drain-node' },
    ]);
    const { deployer } = gatedDeployer(() => Promise.resolve(changed('succeeded')));
    const listener = core(repo, deployer);
    const node = {
      id: 'w1',
      hostname: 'w1',
      ipAddress: '10.0.0.2',
      role: 'worker' as const,
      status: 'ready' as const,
      availability: 'active' as const,
      resources: { cpus: 1, memoryBytes: 1 },
      labels: {},
    };
    await listener.afterRun(outcomeOf('c1', [node], [], [failingCheck('node.flapping', 'node:w1', NOW)]));
    await listener.settled();
    expect(records).toMatchObject([
      {
        outcome: 'refused',
        errorCode: 'FORBIDDEN',
        reason: 'deployer: refusing to drain m1: it is the last active manager',
      },
    ]);
  });

  it('ignores checks without a policy, warnings, and policies that are off', async () => {
    const { repo, records } = memoryRepo([policy('off')]);
    const { deployer, calls } = gatedDeployer(() => Promise.resolve(changed('succeeded')));
    const listener = core(repo, deployer);
    await listener.afterRun(outcome());
    const warn = outcome();
    const first = warn.failing[0];
    if (first !== undefined) first.check.status = 'warn';
    await listener.afterRun(warn);
    expect(records).toEqual([]);
    expect(calls).toEqual([]);
  });
});
