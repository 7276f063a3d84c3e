import { silentLogger } from '@swarmops/bus';
import { BackupEventType, isAppError } from '@swarmops/contracts';
import type { RestoreApplyData, RestorePlan } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import {
  CLUSTER,
  clusterState,
  eventsWithoutBus,
  jsonCodec,
  memoryRestoresRepo,
  memoryStore,
  recordingMetrics,
  steppingClock,
} from './__fixtures__/fakes.js';
import { createRestoreRunner } from './restore-run.js';
import type { ApplyRequest, RestoreRunDeps } from './restore-run.js';

const BACKUP = '20261127T224100Z-3f9a1c2b';
const RESTORE = '6f1c1d5e-1111-4222-8333-444455556666';

const plan: RestorePlan = {
  backupId: BACKUP,
  sourceClusterId: CLUSTER,
  targetClusterId: CLUSTER,
  stacks: null,
  services: null,
  items: [
    { kind: 'network', name: 'shop_default', stack: 'shop', action: 'create' },
    { kind: 'service', name: 'shop_api', stack: 'shop', action: 'create' },
    { kind: 'service', name: 'tool', stack: null, action: 'unchanged' },
  ],
  counts: { create: 2, update: 0, unchanged: 1, skip: 0 },
};

async function setup(over: Partial<RestoreRunDeps> = {}) {
  const now = steppingClock();
  const store = memoryStore();
  const codec = jsonCodec();
  const { bytes } = await codec.write(
    { ...clusterState(), database: null },
    {
      backupId: BACKUP,
      clusterId: CLUSTER,
      createdAt: now().toISOString(),
      swarmopsVersion: '0.1.0',
      stacks: null,
    },
  );
  await store.put(bytes, {
    backupId: BACKUP,
    createdAt: '2026-11-27T22:41:00.000Z',
    sizeBytes: bytes.length,
    sha256: 'a'.repeat(64),
    counts: { stacks: 0, services: 0, networks: 0, configs: 0, secrets: 0, nodes: 0, stackVersions: 0 },
    clusterId: CLUSTER,
    encrypted: false,
    stacks: null,
    trigger: 'manual',
    swarmopsVersion: '0.1.0',
    durationMs: 1,
    requestedBy: null,
  });
  const repo = memoryRestoresRepo();
  const events = eventsWithoutBus(now);
  const metrics = recordingMetrics();
  const calls: ApplyRequest[] = [];
  const deps: RestoreRunDeps = {
    store,
    codec,
    capture: () => Promise.resolve(clusterState()),
    readSecrets: () => Promise.resolve(new Map([['db_password', Buffer.from('s3cret')]])),
    plan: (input) => ({ ...plan, stacks: input.filters.stacks, services: input.filters.services }),
    groups: () => [
      { stack: null, items: [{ kind: 'network', name: 'n', spec: { Name: 'n' } }] },
      { stack: 'shop', items: [{ kind: 'service', name: 'shop_api', spec: { Name: 'shop_api' } }] },
    ],
    apply: async ({ groups, deployer, onProgress }) => {
      const outcomes: RestoreApplyData['outcomes'] = [];
      const deploymentIds: string[] = [];
      for (const group of groups) {
        const reply = await deployer(group);
        deploymentIds.push(reply.deploymentId);
        outcomes.push(...reply.outcomes);
        await onProgress(outcomes.length, 2, `applied ${group.stack ?? 'cluster'}`);
        if (reply.status === 'failed') return { outcomes, deploymentIds, error: 'group failed' };
      }
      return { outcomes, deploymentIds, error: null };
    },
    deployer: (req) => {
      calls.push(req);
      return Promise.resolve({
        deploymentId: `00000000-0000-4000-8000-00000000000${calls.length}`,
        status: 'succeeded',
        outcomes: req.items.map((i) => ({ kind: i.kind, name: i.name, outcome: 'created' as const })),
        services: [],
      });
    },
    repo,
    events,
    metrics,
    clusterId: () => Promise.resolve(CLUSTER),
    newId: () => RESTORE,
    now,
    logger: silentLogger,
    ...over,
  };
  return { deps, repo, events, metrics, calls, store, runner: createRestoreRunner(deps) };
}

const request = { backupId: BACKUP, dryRun: false, wait: true };

describe('restore run', () => {
  it('applies the plan through the deployer one group at a time and records the outcome', async () => {
    const { runner, calls, repo, events, metrics } = await setup();
    const result = await runner.restore({ ...request, requestedBy: 'admin', timeoutSeconds: 90 });
    expect(result.status).toBe('succeeded');
    expect(result.applied.map((a) => `${a.kind} ${a.name} ${a.outcome}`)).toEqual([
      'network n created',
      'service shop_api created',
    ]);
    expect(result.deploymentIds).toHaveLength(2);
    expect(calls.map((c) => [c.restoreId, c.stack, c.requestedBy, c.timeoutSeconds])).toEqual([
      [RESTORE, null, 'admin', 90],
      [RESTORE, 'shop', 'admin', 90],
    ]);
    expect(repo.rows.get(RESTORE)?.status).toBe('succeeded');
    expect(repo.events.map((e) => e.type)).toEqual([
      BackupEventType.restoreStarted,
      BackupEventType.restoreSucceeded,
    ]);
    expect(events.sent.map((p) => `${p.done}/${p.total}`)).toEqual(['1/2', '2/2']);
    expect(metrics.runs).toEqual(['verify:succeeded', 'restore:succeeded']);
  });

  it('a dry run returns the plan as planned and calls no deployer', async () => {
    const { runner, calls, repo } = await setup();
    const result = await runner.restore({ ...request, dryRun: true, stacks: ['shop'] });
    expect(result.status).toBe('planned');
    expect(result.plan.stacks).toEqual(['shop']);
    expect(result.finishedAt).not.toBeNull();
    expect(calls).toHaveLength(0);
    expect(repo.rows.get(RESTORE)?.status).toBe('planned');
  });

  it('refuses an invalid archive listing its problems, and changes nothing', async () => {
    const { runner, calls, repo, store } = await setup();
    await store.put(Buffer.from('garbage'), { ...(await store.stat(BACKUP))!, backupId: BACKUP });
    const err = await runner.restore(request).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('INVALID_REQUEST');
    expect(String(err)).toMatch(
      /not a valid archive, nothing was restored: checksum-mismatch \(services.json\)/,
    );
    expect(calls).toHaveLength(0);
    expect(repo.rows.size).toBe(0);
  });

  it('says NOT_FOUND for a backup the store does not hold', async () => {
    const { runner } = await setup();
    const err = await runner
      .restore({ ...request, backupId: '20200101T000000Z-00000000' })
      .catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('NOT_FOUND');
  });

  it('stops at the first failed group and records the failure', async () => {
    const { runner, calls, repo } = await setup({
      deployer: () =>
        Promise.resolve({
          deploymentId: '00000000-0000-4000-8000-000000000009',
          status: 'failed',
          outcomes: [{ kind: 'network', name: 'n', outcome: 'failed', error: 'boom' }],
          services: [],
        }),
    });
    const result = await runner.restore(request);
    expect(result.status).toBe('failed');
    expect(result.error).toBe('group failed');
    expect(calls).toHaveLength(0);
    expect(repo.events.at(-1)?.type).toBe(BackupEventType.restoreFailed);
  });

  it('with wait false replies running, finishes in the background, and refuses a second restore meanwhile', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { deps, repo } = await setup();
    const runner = createRestoreRunner({
      ...deps,
      deployer: async (req) => {
        await gate;
        return deps.deployer(req);
      },
    });
    const first = await runner.restore({ ...request, wait: false });
    expect(first.status).toBe('running');
    const second = await runner.restore(request).catch((e: unknown) => e);
    expect(isAppError(second) && second.code).toBe('CONFLICT');
    release();
    await runner.settled();
    expect(repo.rows.get(RESTORE)?.status).toBe('succeeded');
  });
});
