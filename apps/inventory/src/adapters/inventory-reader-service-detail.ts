import type pg from 'pg';
import type { Service, ServiceDetail, Task, TaskError } from '@swarmops/contracts';
import { CURRENT_CLUSTER_SQL } from './inventory-reader-cluster.js';

/** At most this many recent task failures are reported by `services.get`. */
export const LAST_TASK_ERRORS = 5;

/** `services.get`: the service by id (preferred) or name, its spec, tasks and last task errors; null when unknown. */
export async function readServiceDetail(pool: pg.Pool, idOrName: string): Promise<ServiceDetail | null> {
  const found = await pool.query<{ cluster_id: string; service_id: string; doc: Service; spec: object }>(
    `SELECT cluster_id, service_id, doc, spec FROM services
     WHERE cluster_id = ${CURRENT_CLUSTER_SQL} AND (service_id = $1 OR name = $1)
     ORDER BY (service_id = $1) DESC LIMIT 1`,
    [idOrName],
  );
  const row = found.rows[0];
  if (row === undefined) return null;
  const { rows } = await pool.query<{ doc: Task }>(
    `SELECT doc FROM tasks WHERE cluster_id = $1 AND service_id = $2
     ORDER BY doc->>'updatedAt' DESC, task_id`,
    [row.cluster_id, row.service_id],
  );
  const items = rows.map((r) => r.doc);
  return {
    service: row.doc,
    spec: row.spec as Record<string, unknown>,
    tasks: {
      desired: row.doc.replicas.desired,
      running: items.filter((t) => t.state === 'running').length,
      items,
    },
    lastTaskErrors: lastTaskErrors(items),
  };
}

/** The most recent failed or rejected tasks that carry an error, newest first. */
export function lastTaskErrors(tasks: readonly Task[], max = LAST_TASK_ERRORS): TaskError[] {
  return tasks
    .filter((t) => (t.state === 'failed' || t.state === 'rejected') && (t.error ?? '') !== '')
    .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt))
    .slice(0, max)
    .map((t) => ({ taskId: t.id, nodeId: t.nodeId, state: t.state, error: t.error ?? '', at: t.updatedAt }));
}
