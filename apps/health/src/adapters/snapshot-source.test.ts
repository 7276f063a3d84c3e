import type { ClusterSummary, Node } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { NodeStatusLog } from '../domain/node-status-log.js';
import type { InventoryReads } from './inventory-client.js';
import { createSnapshotSource } from './snapshot-source.js';

const summary: ClusterSummary = {
  clusterId: 'c1',
  counts: {
    nodes: 1,
    managers: 1,
    workers: 0,
    nodesReady: 1,
    services: 0,
    tasks: 0,
    tasksRunning: 0,
    stacks: 0,
    networks: 0,
    configs: 0,
    secrets: 0,
  },
  managers: [],
  leader: null,
  engineVersions: {},
  lastReconcileAt: '2026-11-27T09:59:50.000Z',
  lastChangeAt: null,
};

const node = (status: Node['status']): Node => ({
  id: 'n1',
  hostname: 'm1',
  ipAddress: '10.0.0.1',
  role: 'manager',
  status,
  availability: 'active',
  resources: { cpus: 2, memoryBytes: 1 },
  labels: {},
});

/** Inventory reads whose nodes and availability the test sets. */
function fakeInventory() {
  const state = { up: true, node: node('ready') };
  const guard = async <T>(value: T): Promise<T> => {
    await Promise.resolve();
    if (!state.up) throw new Error('no service is answering swarmops.inventory.nodes.list');
    return value;
  };
  const reads: InventoryReads = {
    nodes: () => guard([state.node]),
    services: () => guard([]),
    tasks: () => guard([]),
    configs: () => guard([]),
    secrets: () => guard([]),
    summary: () => guard(summary),
    service: () => Promise.reject(new Error('unused')),
  };
  return { state, reads };
}

const at = (s: number) => new Date(Date.UTC(2026, 10, 27, 10, 0, s));

describe('snapshot source', () => {
  it('assembles inventory, swarm facts and probes, and logs node flips seen between snapshots', async () => {
    const inv = fakeInventory();
    let now = at(0);
    const source = createSnapshotSource({
      inventory: inv.reads,
      swarm: () => Promise.resolve(null),
      platform: () => Promise.resolve([{ part: 'nats', ok: true, latencyMs: 1, detail: 'ok' }]),
      nodeStatus: new NodeStatusLog(3_600_000),
      now: () => now,
    });
    const first = await source.take();
    expect(first.clusterId).toBe('c1');
    expect(first.platform.map((p) => [p.part, p.ok])).toEqual([
      ['nats', true],
      ['inventory', true],
    ]);
    expect(first.disk).toBeNull();
    inv.state.node = node('down');
    now = at(10);
    const second = await source.take();
    expect(second.nodeStatusChanges).toEqual([
      { nodeId: 'n1', hostname: 'm1', status: 'down', at: at(10).toISOString() },
    ]);
  });

  it('reuses the last inventory data with a failed inventory probe when inventory stops answering', async () => {
    const inv = fakeInventory();
    const source = createSnapshotSource({
      inventory: inv.reads,
      swarm: () => Promise.resolve(null),
      platform: () => Promise.resolve([]),
      nodeStatus: new NodeStatusLog(3_600_000),
      now: () => at(0),
    });
    await source.take();
    inv.state.up = false;
    const snapshot = await source.take();
    expect(snapshot.nodes).toHaveLength(1);
    expect(snapshot.platform).toEqual([
      expect.objectContaining({
        part: 'inventory',
        ok: false,
        detail: expect.stringContaining('did not answer') as unknown,
      }),
    ]);
  });

  it('fails with UNAVAILABLE when inventory never answered', async () => {
    const inv = fakeInventory();
    inv.state.up = false;
    const source = createSnapshotSource({
      inventory: inv.reads,
      swarm: () => Promise.resolve(null),
      platform: () => Promise.resolve([]),
      nodeStatus: new NodeStatusLog(3_600_000),
      now: () => at(0),
    });
    await expect(source.take()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
