/**
 * The swarm reads are answered for: a single swarm per database for now. When a database has seen
 * more than one (the engine left and re-initialised its swarm), the most recently reconciled wins,
 * then the smallest id, so every query of a request agrees.
 */
export const CURRENT_CLUSTER_SQL =
  '(SELECT cluster_id FROM cluster_state ORDER BY last_reconcile_at DESC NULLS LAST, cluster_id LIMIT 1)';
