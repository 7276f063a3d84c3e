import type pg from 'pg';
import { describe, expect } from 'vitest';
import { pgTest } from '@swarmops/testkit';
import { createInventoryReader } from './inventory-reader.js';
import { assertInventoryTables } from './inventory-reader-tables.js';

const CLUSTER = 'clusterabc';
const OLD_CLUSTER = 'clusterold';
const id = (n: number) => `s${String(n).padStart(24, '0')}`;
const nodeId = (n: number) => `n${String(n).padStart(24, '0')}`;

function service(n: number, name: string, labels: Record<string, string>, stack: string | null = null) {
  return {
    id: id(n),
    name,
    image: 'busybox:1',
    mode: 'replicated',
    replicas: { desired: 2, running: 1 },
    constraints: [],
    labels,
    stack,
  };
}

function task(n: number, serviceN: number, state: string, updatedAt: string, error: string | null = null) {
  return {
    id: `t${String(n).padStart(24, '0')}`,
    serviceId: id(serviceN),
    nodeId: nodeId(1),
    slot: n,
    state,
    desiredState: 'running',
    message: state,
    error,
    containerId: null,
    updatedAt,
  };
}

async function seed(pool: pg.Pool): Promise<void> {
  await pool.query(
    `INSERT INTO cluster_state (cluster_id, swarm, last_reconcile_at, last_change_at) VALUES
     ($1, '{}', now(), now()), ($2, '{}', now() - interval '1 day', NULL)`,
    [CLUSTER, OLD_CLUSTER],
  );
  const services = [
    service(1, 'shop_api', { tier: 'web', 'com.docker.stack.namespace': 'shop' }, 'shop'),
    service(2, 'shop_db', { tier: 'data', 'com.docker.stack.namespace': 'shop' }, 'shop'),
    service(3, 'lone_100%', { tier: 'web' }),
    service(4, 'lonely', {}),
  ];
  for (const s of services) {
    await pool.query(
      `INSERT INTO services (cluster_id, service_id, name, stack, labels, spec, doc) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [CLUSTER, s.id, s.name, s.stack, s.labels, { Name: s.name }, s],
    );
  }
  // A row of another swarm never shows up.
  await pool.query(
    `INSERT INTO services (cluster_id, service_id, name, labels, spec, doc) VALUES ($1,$2,'ghost','{}','{}',$3)`,
    [OLD_CLUSTER, id(9), service(9, 'ghost', {})],
  );
  const node = {
    id: nodeId(1),
    hostname: 'vm',
    ipAddress: '10.0.0.1',
    role: 'manager',
    status: 'ready',
    availability: 'active',
    resources: { cpus: 2, memoryBytes: 1024 },
    labels: { zone: 'a' },
    engineVersion: '27.0.1',
    leader: true,
    reachability: 'reachable',
  };
  await pool.query(
    `INSERT INTO nodes (cluster_id, node_id, hostname, role, status, availability, labels, doc)
     VALUES ($1,$2,'vm','manager','ready','active',$3,$4)`,
    [CLUSTER, node.id, node.labels, node],
  );
  const tasks = [
    task(1, 1, 'running', '2026-01-01T00:00:05Z'),
    task(2, 1, 'failed', '2026-01-01T00:00:03Z', 'exit 1'),
    task(3, 1, 'rejected', '2026-01-01T00:00:04Z', 'no such image'),
    task(4, 1, 'failed', '2026-01-01T00:00:02Z', ''),
    task(5, 2, 'running', '2026-01-01T00:00:01Z'),
  ];
  for (const t of tasks) {
    await pool.query(
      `INSERT INTO tasks (cluster_id, task_id, service_id, node_id, state, desired_state, doc)
       VALUES ($1,$2,$3,$4,$5,'running',$6)`,
      [CLUSTER, t.id, t.serviceId, t.nodeId, t.state, t],
    );
  }
  await pool.query(`INSERT INTO stacks (cluster_id, name, doc) VALUES ($1, 'shop', $2)`, [
    CLUSTER,
    { id: 'shop', name: 'shop', services: ['shop_api', 'shop_db'] },
  ]);
}

describe('inventory reader', () => {
  pgTest('pages services by name with an opaque cursor, in the current swarm only', async ({ pg }) => {
    await seed(pg.pool);
    const reader = createInventoryReader({ pool: pg.pool });
    const first = await reader.listServices({ limit: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await reader.listServices({ limit: 3, cursor: first.nextCursor ?? '' });
    expect(second.items).toHaveLength(1);
    const names = [...first.items, ...second.items].map((s) => s.name);
    expect(names.slice(2)).toEqual(['shop_api', 'shop_db']);
    expect(names.slice(0, 2).sort()).toEqual(['lone_100%', 'lonely']);
    expect(second.nextCursor).toBeNull();
    await expect(reader.listServices({ limit: 3, cursor: 'garbage!' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('cursor') as string,
    });
  });

  pgTest('filters services by stack, literal name substring and label', async ({ pg }) => {
    await seed(pg.pool);
    const reader = createInventoryReader({ pool: pg.pool });
    const names = async (req: Parameters<typeof reader.listServices>[0]) =>
      (await reader.listServices(req)).items.map((s) => s.name);
    expect(await names({ limit: 100, stack: 'shop' })).toEqual(['shop_api', 'shop_db']);
    expect(await names({ limit: 100, name: '0%' })).toEqual(['lone_100%']);
    expect(await names({ limit: 100, name: 'E_' })).toEqual(['lone_100%']);
    expect(await names({ limit: 100, label: 'tier' })).toEqual(['lone_100%', 'shop_api', 'shop_db']);
    expect(await names({ limit: 100, label: 'tier=web' })).toEqual(['lone_100%', 'shop_api']);
    expect(await names({ limit: 100, label: 'tier=' })).toEqual([]);
  });

  pgTest('adds each service spec to the items only when asked to', async ({ pg }) => {
    await seed(pg.pool);
    const reader = createInventoryReader({ pool: pg.pool });
    const plain = await reader.listServices({ limit: 100, stack: 'shop' });
    expect(plain.items.map((s) => 'spec' in s)).toEqual([false, false]);
    const withSpec = await reader.listServices({ limit: 100, stack: 'shop', includeSpec: true });
    expect(withSpec.items.map((s) => s.spec)).toEqual([{ Name: 'shop_api' }, { Name: 'shop_db' }]);
  });

  pgTest('answers services.get with tasks and the last task errors', async ({ pg }) => {
    await seed(pg.pool);
    const reader = createInventoryReader({ pool: pg.pool });
    const detail = await reader.getService('shop_api');
    expect(detail.service.id).toBe(id(1));
    expect(detail.spec).toEqual({ Name: 'shop_api' });
    expect(detail.tasks).toMatchObject({ desired: 2, running: 1 });
    expect(detail.tasks.items).toHaveLength(4);
    expect(detail.lastTaskErrors.map((e) => e.error)).toEqual(['no such image', 'exit 1']);
    expect((await reader.getService(id(1))).service.name).toBe('shop_api');
    await expect(reader.getService('ghost')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  pgTest('filters tasks by service name, node hostname and state', async ({ pg }) => {
    await seed(pg.pool);
    const reader = createInventoryReader({ pool: pg.pool });
    expect((await reader.listTasks({ limit: 100, service: 'shop_db' })).items).toHaveLength(1);
    expect((await reader.listTasks({ limit: 100, node: 'vm', state: 'running' })).items).toHaveLength(2);
    expect((await reader.listTasks({ limit: 100, service: id(1), state: 'failed' })).items).toHaveLength(2);
  });

  pgTest('gets nodes and stacks, and summarises the cluster', async ({ pg }) => {
    await seed(pg.pool);
    const reader = createInventoryReader({ pool: pg.pool });
    expect((await reader.getNode('vm')).id).toBe(nodeId(1));
    expect((await reader.listNodes({ limit: 10, label: 'zone=a', role: 'manager' })).items).toHaveLength(1);
    expect((await reader.listNodes({ limit: 10, label: 'zone=b' })).items).toHaveLength(0);
    expect((await reader.getStack('shop')).services).toEqual(['shop_api', 'shop_db']);
    await expect(reader.getStack('nope')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { name: 'nope' },
    });
    const summary = await reader.summary();
    expect(summary).toMatchObject({
      clusterId: CLUSTER,
      counts: { nodes: 1, managers: 1, services: 4, tasks: 5, tasksRunning: 2, stacks: 1 },
      leader: { id: nodeId(1), hostname: 'vm' },
      engineVersions: { '27.0.1': 1 },
      lastChangeAt: expect.any(String) as string,
    });
  });

  pgTest('reports an empty store and finds every table of the migrated database', async ({ pg }) => {
    const reader = createInventoryReader({ pool: pg.pool });
    await assertInventoryTables(pg.pool);
    expect(await reader.listServices({ limit: 10 })).toEqual({ items: [], nextCursor: null });
    await expect(reader.summary()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await pg.pool.query('DROP TABLE tasks');
    await expect(assertInventoryTables(pg.pool)).rejects.toThrow(/tasks.*migrations/);
  });
});
