import { silentLogger } from '@swarmops/bus';
import { BackupEventType, isAppError } from '@swarmops/contracts';
import type { BackupSummary, RestoreResult } from '@swarmops/contracts';
import { pgTest } from '@swarmops/testkit';
import { describe, expect } from 'vitest';
import { createBackupEvents } from './backup-events.js';
import { createBackupsRepo } from './backups-repo.js';
import { createRestoresRepo } from './restores-repo.js';

const CLUSTER = 'repo-test-cluster';
const ID = '20261127T224100Z-3f9a1c2b';
const events = createBackupEvents({ js: null, logger: silentLogger });
const data = { backupId: ID, step: 'x', done: 0, total: 5, message: 'm' };

const summary: BackupSummary = {
  backupId: ID,
  createdAt: '2026-11-27T22:41:00.000Z',
  location: `/b/${ID}.tar.gz`,
  sizeBytes: 1234,
  sha256: 'b'.repeat(64),
  counts: { stacks: 1, services: 2, networks: 1, configs: 1, secrets: 1, nodes: 1, stackVersions: 1 },
  clusterId: CLUSTER,
  encrypted: true,
  stacks: ['shop'],
  trigger: 'manual',
  swarmopsVersion: '0.1.0',
  durationMs: 900,
  requestedBy: 'ops',
};

describe('backup repos on PostgreSQL', () => {
  pgTest(
    'records a backup run and its events together, refuses a used id, and marks pruned',
    async ({ pg }) => {
      const repo = createBackupsRepo(pg.pool);
      const row = {
        id: ID,
        clusterId: CLUSTER,
        trigger: 'manual',
        requestedBy: 'ops',
        stacks: ['shop'],
        startedAt: new Date(),
      };
      await repo.start(row, [events.envelope(BackupEventType.started, CLUSTER, data)]);
      const again = await repo.start(row, []).catch((e: unknown) => e);
      expect(isAppError(again) && again.code).toBe('CONFLICT');
      expect((await repo.get(ID))?.status).toBe('running');
      await repo.succeed(ID, summary, new Date(), [
        events.envelope(BackupEventType.succeeded, CLUSTER, data),
      ]);
      const { rows } = await pg.pool.query<{
        status: string;
        size_bytes: string;
        summary: BackupSummary;
        stacks: string[];
      }>('SELECT status, size_bytes, summary, stacks FROM backups WHERE id = $1', [ID]);
      expect(rows[0]?.status).toBe('succeeded');
      expect(Number(rows[0]?.size_bytes)).toBe(1234);
      expect(rows[0]?.summary).toEqual(summary);
      expect(rows[0]?.stacks).toEqual(['shop']);
      const outbox = await pg.pool.query<{ type: string }>(
        "SELECT type FROM outbox WHERE cluster_id = $1 AND payload->'data'->>'backupId' = $2 ORDER BY type",
        [CLUSTER, ID],
      );
      expect(outbox.rows.map((r) => r.type)).toEqual([BackupEventType.started, BackupEventType.succeeded]);
      await repo.markPruned(CLUSTER, [ID]);
      expect((await repo.get(ID))?.status).toBe('pruned');
      expect(await repo.get('20200101T000000Z-00000000')).toBeNull();
    },
  );

  pgTest('fails runs a stopped service left running, and only those of its cluster', async ({ pg }) => {
    const repo = createBackupsRepo(pg.pool);
    const base = { trigger: 'schedule', requestedBy: null, stacks: null, startedAt: new Date() };
    await repo.start({ ...base, id: ID, clusterId: CLUSTER }, []);
    await repo.start({ ...base, id: '20261127T224200Z-00000001', clusterId: 'other' }, []);
    expect(await repo.failInterrupted(CLUSTER, 'interrupted', new Date())).toEqual([ID]);
    const row = await repo.get(ID);
    expect([row?.status, row?.error]).toEqual(['failed', 'interrupted']);
    expect((await repo.get('20261127T224200Z-00000001'))?.status).toBe('running');
  });

  pgTest('records a restore as it starts and ends, with its plan and result', async ({ pg }) => {
    const repo = createRestoresRepo(pg.pool);
    const result: RestoreResult = {
      restoreId: '6f1c1d5e-1111-4222-8333-444455556666',
      backupId: ID,
      status: 'running',
      plan: {
        backupId: ID,
        sourceClusterId: CLUSTER,
        targetClusterId: CLUSTER,
        stacks: null,
        services: null,
        items: [],
        counts: { create: 0, update: 0, unchanged: 0, skip: 0 },
      },
      deploymentIds: [],
      applied: [],
      error: null,
      startedAt: '2026-11-27T22:41:00.000Z',
      finishedAt: null,
    };
    await repo.insert(CLUSTER, result, 'admin', [
      events.envelope(BackupEventType.restoreStarted, CLUSTER, { ...data, restoreId: result.restoreId }),
    ]);
    const done = { ...result, status: 'succeeded' as const, finishedAt: '2026-11-27T22:42:00.000Z' };
    await repo.finish(done, []);
    const { rows } = await pg.pool.query<{
      status: string;
      requested_by: string;
      result: RestoreResult;
      plan: unknown;
    }>('SELECT status, requested_by, result, plan FROM restores WHERE id = $1', [result.restoreId]);
    expect(rows[0]?.status).toBe('succeeded');
    expect(rows[0]?.requested_by).toBe('admin');
    expect(rows[0]?.result).toEqual(done);
    expect(rows[0]?.plan).toEqual(result.plan);
    expect(await repo.failInterrupted(CLUSTER, 'x', new Date())).toEqual([]);
  });
});
