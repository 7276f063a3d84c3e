import type { BackupSummary } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { pageOf } from './backup-handlers.js';

const summary = (backupId: string): BackupSummary => ({
  backupId,
  createdAt: '2026-11-27T22:41:00.000Z',
  location: `/b/${backupId}.tar.gz`,
  sizeBytes: 1,
  sha256: 'a'.repeat(64),
  counts: { stacks: 0, services: 0, networks: 0, configs: 0, secrets: 0, nodes: 0, stackVersions: 0 },
  clusterId: 'c1',
  encrypted: false,
  stacks: null,
  trigger: 'manual',
  swarmopsVersion: '0.1.0',
  durationMs: 1,
  requestedBy: null,
});

const ids = ['20261127T224100Z-00000001', '20261127T224200Z-00000002', '20261127T224300Z-00000003'];

describe('list paging', () => {
  it('lists newest first and goes on from the cursor until the last page', () => {
    const all = ids.map(summary);
    const first = pageOf(all, 2, undefined);
    expect(first.items.map((s) => s.backupId)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).toBe(ids[1]);
    const second = pageOf(all, 2, first.nextCursor ?? undefined);
    expect(second.items.map((s) => s.backupId)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not issue, naming the field', () => {
    expect(() => pageOf([], 10, 'nope')).toThrow(/cursor/);
  });
});
