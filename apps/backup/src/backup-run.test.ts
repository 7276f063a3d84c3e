import { silentLogger } from '@swarmops/bus';
import { BackupEventType, isAppError } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import {
  CLUSTER,
  clusterState,
  eventsWithoutBus,
  jsonCodec,
  memoryBackupsRepo,
  memoryStore,
  recordingMetrics,
  steppingClock,
} from './__fixtures__/fakes.js';
import { createBackupRunner } from './backup-run.js';
import type { BackupRunDeps } from './backup-run.js';

function setup(over: Partial<BackupRunDeps> = {}) {
  const now = steppingClock();
  const store = memoryStore();
  const repo = memoryBackupsRepo();
  const events = eventsWithoutBus(now);
  const metrics = recordingMetrics();
  let n = 0;
  const deps: BackupRunDeps = {
    clusterId: () => Promise.resolve(CLUSTER),
    capture: () =>
      Promise.resolve(
        clusterState({
          services: [
            {
              id: 's1',
              name: 'shop_api',
              stack: 'shop',
              spec: { Name: 'shop_api', TaskTemplate: { ContainerSpec: { Image: 'busybox' } } },
              networkNames: {},
              createdAt: null,
            },
          ],
        }),
      ),
    dumpDatabase: () => Promise.resolve(Buffer.from('PGDMP')),
    codec: jsonCodec(),
    store,
    repo,
    events,
    metrics,
    selectPrune: (summaries) => summaries.slice(2).map((s) => s.backupId),
    swarmopsVersion: '0.1.0',
    now,
    newBackupId: () => `20261127T2241${String(n++).padStart(2, '0')}Z-0000000${n}`,
    logger: silentLogger,
    ...over,
  };
  return { deps, store, repo, events, metrics, runner: createBackupRunner(deps) };
}

describe('backup run', () => {
  it('captures, dumps, writes and stores the archive, then records success with its summary', async () => {
    const { runner, store, repo, events, metrics } = setup();
    const summary = await runner.create({ wait: true, trigger: 'manual', requestedBy: 'ops' });
    expect(summary.counts.services).toBe(1);
    expect(summary.clusterId).toBe(CLUSTER);
    expect(summary.encrypted).toBe(false);
    expect(summary.requestedBy).toBe('ops');
    expect(summary.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(store.files.get(summary.backupId)?.bytes.length).toBe(summary.sizeBytes);
    expect(repo.rows.get(summary.backupId)?.status).toBe('succeeded');
    expect(repo.events.map((e) => e.type)).toEqual([BackupEventType.started, BackupEventType.succeeded]);
    expect(repo.events[1]?.data.summary).toEqual(summary);
    expect(events.sent.map((p) => `${p.done}/${p.total} ${p.step}`)).toEqual([
      '1/5 capture cluster',
      '2/5 pg_dump',
      '3/5 write archive',
      '4/5 store archive',
      '5/5 retention',
    ]);
    expect(metrics.runs).toEqual(['backup:succeeded']);
  });

  it('stores the sealed bytes when a key is configured', async () => {
    const { runner, store } = setup({ codec: jsonCodec(true) });
    const summary = await runner.create({ wait: true, trigger: 'schedule' });
    expect(summary.encrypted).toBe(true);
    expect(summary.trigger).toBe('schedule');
    expect(store.files.get(summary.backupId)?.bytes.subarray(0, 6).toString()).toBe('SEALED');
  });

  it('refuses a second backup while one runs, naming the running one', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { runner, deps } = setup();
    const slow = createBackupRunner({
      ...deps,
      dumpDatabase: async () => {
        await gate;
        return Buffer.from('PGDMP');
      },
    });
    const first = slow.create({ wait: true, trigger: 'manual', backupId: '20261127T224100Z-aaaaaaaa' });
    const second = await slow.create({ wait: true, trigger: 'manual' }).catch((e: unknown) => e);
    expect(isAppError(second) && second.code).toBe('CONFLICT');
    expect(String(second)).toContain('20261127T224100Z-aaaaaaaa');
    release();
    await first;
    await slow.settled();
    expect(slow.running()).toBeNull();
    await expect(runner.create({ wait: true, trigger: 'manual' })).resolves.toBeDefined();
  });

  it('records a failure with the step and the cause, and frees the slot', async () => {
    const { runner, repo, metrics } = setup({
      dumpDatabase: () => Promise.reject(new Error('pg_dump: connection refused')),
    });
    const err = await runner.create({ wait: true, trigger: 'manual' }).catch((e: unknown) => e);
    expect(String(err)).toMatch(/failed at pg_dump: pg_dump: connection refused/);
    const row = [...repo.rows.values()][0];
    expect(row?.status).toBe('failed');
    expect(row?.error).toMatch(/pg_dump/);
    expect(repo.events.map((e) => e.type)).toEqual([BackupEventType.started, BackupEventType.failed]);
    expect(metrics.runs).toEqual(['backup:failed']);
    expect(runner.running()).toBeNull();
  });

  it('prunes this cluster archives chosen by retention and marks their rows, leaving other clusters alone', async () => {
    const { runner, store, repo } = setup();
    const a = await runner.create({ wait: true, trigger: 'manual' });
    await store.put(Buffer.from('x'), { ...a, backupId: '20200101T000000Z-ffffffff', clusterId: 'other' });
    const b = await runner.create({ wait: true, trigger: 'manual' });
    const c = await runner.create({ wait: true, trigger: 'manual' });
    expect([...store.files.keys()].sort()).toEqual(
      ['20200101T000000Z-ffffffff', b.backupId, c.backupId].sort(),
    );
    expect(repo.rows.get(a.backupId)?.status).toBe('pruned');
  });

  it('with wait false replies once the archive is stored', async () => {
    const { runner, store } = setup();
    const summary = await runner.create({ wait: false, trigger: 'manual' });
    expect(store.files.has(summary.backupId)).toBe(true);
    await runner.settled();
  });

  it('refuses a caller-chosen id that is already stored', async () => {
    const { runner } = setup();
    const id = '20261127T224100Z-bbbbbbbb';
    await runner.create({ wait: true, trigger: 'manual', backupId: id });
    const err = await runner.create({ wait: true, trigger: 'manual', backupId: id }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('CONFLICT');
  });
});
