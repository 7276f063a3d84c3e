import type pg from 'pg';
import { AppError, ErrorCode } from '@swarmops/contracts';
import type { ClusterSummary, Node } from '@swarmops/contracts';
import { CURRENT_CLUSTER_SQL } from './inventory-reader-cluster.js';

const count = (table: string, extra = '') =>
  `(SELECT count(*) FROM ${table} WHERE cluster_id = $1${extra})::int`;

const COUNTS_SQL = `SELECT
  ${count('nodes')} AS nodes,
  ${count('nodes', " AND role = 'manager'")} AS managers,
  ${count('nodes', " AND role = 'worker'")} AS workers,
  ${count('nodes', " AND status = 'ready'")} AS nodes_ready,
  ${count('services')} AS services,
  ${count('tasks')} AS tasks,
  ${count('tasks', " AND state = 'running'")} AS tasks_running,
  ${count('stacks')} AS stacks,
  ${count('networks')} AS networks,
  ${count('configs')} AS configs,
  ${count('secrets')} AS secrets`;

interface StateRow {
  cluster_id: string;
  last_reconcile_at: Date | null;
  last_change_at: Date | null;
}

/** `cluster.summary`: counts, managers, leader and engine versions from the tables, times from cluster_state. */
export async function readClusterSummary(pool: pg.Pool): Promise<ClusterSummary> {
  const state = await pool.query<StateRow>(
    `SELECT cluster_id, last_reconcile_at, last_change_at FROM cluster_state
     WHERE cluster_id = ${CURRENT_CLUSTER_SQL}`,
  );
  const row = state.rows[0];
  if (row === undefined) {
    throw new AppError(ErrorCode.UNAVAILABLE, 'inventory has not completed its first reconcile yet');
  }
  const [counts, nodes] = await Promise.all([
    pool.query<Record<string, number>>(COUNTS_SQL, [row.cluster_id]),
    pool.query<{ doc: Node }>('SELECT doc FROM nodes WHERE cluster_id = $1 ORDER BY hostname, node_id', [
      row.cluster_id,
    ]),
  ]);
  const c = counts.rows[0] ?? {};
  const all = nodes.rows.map((r) => r.doc);
  const managers = all.filter((n) => n.role === 'manager');
  const leader = managers.find((n) => n.leader === true);
  const engineVersions: Record<string, number> = {};
  for (const n of all) {
    const version = n.engineVersion ?? 'unknown';
    engineVersions[version] = (engineVersions[version] ?? 0) + 1;
  }
  return {
    clusterId: row.cluster_id,
    counts: {
      nodes: c.nodes ?? 0,
      managers: c.managers ?? 0,
      workers: c.workers ?? 0,
      nodesReady: c.nodes_ready ?? 0,
      services: c.services ?? 0,
      tasks: c.tasks ?? 0,
      tasksRunning: c.tasks_running ?? 0,
      stacks: c.stacks ?? 0,
      networks: c.networks ?? 0,
      configs: c.configs ?? 0,
      secrets: c.secrets ?? 0,
    },
    managers: managers.map((n) => ({
      id: n.id,
      hostname: n.hostname,
      leader: n.leader === true,
      reachability: n.reachability ?? 'unknown',
      status: n.status,
    })),
    leader: leader === undefined ? null : { id: leader.id, hostname: leader.hostname },
    engineVersions,
    lastReconcileAt: row.last_reconcile_at?.toISOString() ?? null,
    lastChangeAt: row.last_change_at?.toISOString() ?? null,
  };
}
