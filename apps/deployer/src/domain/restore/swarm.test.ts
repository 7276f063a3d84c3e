import { describe, expect, it } from 'vitest';
import { planSwarmRestore } from './swarm.js';

const live = {
  Name: 'default',
  Orchestration: { TaskHistoryRetentionLimit: 5 },
  Raft: { SnapshotInterval: 10000, KeepOldSnapshots: 0, ElectionTick: 10, HeartbeatTick: 1 },
  Dispatcher: { HeartbeatPeriod: 5_000_000_000 },
  CAConfig: { NodeCertExpiry: 7_776_000_000_000_000, ExternalCAs: [{ URL: 'https://ca' }] },
  TaskDefaults: {},
  EncryptionConfig: { AutoLockManagers: false },
};

describe('planSwarmRestore', () => {
  it('is unchanged when the restored fields are equal', () => {
    expect(
      planSwarmRestore(live, { ...live, Name: 'other', EncryptionConfig: { AutoLockManagers: true } }),
    ).toEqual({
      changes: [],
      spec: null,
    });
  });

  it('takes Orchestration, Dispatcher and CAConfig.NodeCertExpiry from the archive and keeps the rest live', () => {
    const archived = {
      Orchestration: { TaskHistoryRetentionLimit: 10 },
      Dispatcher: { HeartbeatPeriod: 10_000_000_000 },
      CAConfig: { NodeCertExpiry: 100, ExternalCAs: [] },
      EncryptionConfig: { AutoLockManagers: true },
    };
    const plan = planSwarmRestore(live, archived);
    expect(plan.spec).toEqual({
      ...live,
      Orchestration: { TaskHistoryRetentionLimit: 10 },
      Dispatcher: { HeartbeatPeriod: 10_000_000_000 },
      CAConfig: { NodeCertExpiry: 100, ExternalCAs: [{ URL: 'https://ca' }] },
    });
    expect(plan.changes.map((c) => c.path)).toEqual([
      'CAConfig.NodeCertExpiry',
      'Dispatcher.HeartbeatPeriod',
      'Orchestration.TaskHistoryRetentionLimit',
    ]);
  });

  it('leaves a field the archive lacks as it is live', () => {
    expect(planSwarmRestore(live, { Raft: undefined }).spec).toBeNull();
  });
});
