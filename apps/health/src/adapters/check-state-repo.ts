import { enqueueOutbox } from '@swarmops/bus';
import { CheckResultSchema, HealthStatusSchema } from '@swarmops/contracts';
import type { CheckStatus, EventEnvelope, HealthReport, HealthStatus } from '@swarmops/contracts';
import type pg from 'pg';
import type { CheckState } from '../domain/transitions.js';
import type { ReportsRepo } from './reports-repo.js';

/** The key of the row holding the last cluster-wide verdict. */
export const VERDICT_KEY = 'verdict';

/** What a cluster-wide run writes, decided from the states read under the lock. */
export interface ClusterRunWrite {
  states: CheckState[];
  removed: string[];
  verdict: HealthStatus;
  events: EventEnvelope[];
}

/** The previous states a cluster-wide run is compared with. */
export interface PreviousStates {
  states: CheckState[];
  verdict: HealthStatus | null;
}

/** Check states (`health_check_state`) and the one transaction a cluster-wide run commits in. */
export interface CheckStateRepo {
  /**
   * In one transaction, serialized per cluster by an advisory lock (so two health replicas never both
   * announce one transition): reads the states, lets `decide` compute the writes, stores the report, the
   * new states and the events (outbox).
   */
  commitClusterRun<T extends ClusterRunWrite>(
    clusterId: string,
    report: HealthReport,
    decide: (previous: PreviousStates) => T,
  ): Promise<T>;
  load(clusterId: string): Promise<PreviousStates>;
  /** Records that an alert for `key` was sent at `at` (the alert listener's dedupe). */
  recordAlertSent(clusterId: string, key: string, at: Date): Promise<void>;
}

interface StateRow {
  check_key: string;
  status: string;
  since: Date;
  last_alert_at: Date | null;
  doc: unknown;
}

/** {@link CheckStateRepo} on PostgreSQL. */
export function createCheckStateRepo(pool: pg.Pool, reports: ReportsRepo): CheckStateRepo {
  const read = async (db: Pick<pg.ClientBase, 'query'>, clusterId: string): Promise<PreviousStates> => {
    const { rows } = await db.query<StateRow>(
      'SELECT check_key, status, since, last_alert_at, doc FROM health_check_state WHERE cluster_id = $1',
      [clusterId],
    );
    let verdict: HealthStatus | null = null;
    const states: CheckState[] = [];
    for (const row of rows) {
      if (row.check_key === VERDICT_KEY) {
        verdict = HealthStatusSchema.parse(row.status);
        continue;
      }
      states.push({
        key: row.check_key,
        status: row.status as CheckStatus,
        since: row.since.toISOString(),
        lastAlertAt: row.last_alert_at?.toISOString() ?? null,
        check: CheckResultSchema.parse(row.doc),
      });
    }
    return { states, verdict };
  };

  return {
    async commitClusterRun(clusterId, report, decide) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`health:${clusterId}`]);
        const write = decide(await read(client, clusterId));
        await reports.insert(clusterId, report, client);
        await writeStates(client, clusterId, report, write);
        await enqueueOutbox(client, write.events);
        await client.query('COMMIT');
        return write;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },

    load: (clusterId) => read(pool, clusterId),

    async recordAlertSent(clusterId, key, at) {
      await pool.query(
        'UPDATE health_check_state SET last_alert_at = $3 WHERE cluster_id = $1 AND check_key = $2',
        [clusterId, key, at.toISOString()],
      );
    },
  };
}

async function writeStates(
  db: Pick<pg.ClientBase, 'query'>,
  clusterId: string,
  report: HealthReport,
  write: ClusterRunWrite,
): Promise<void> {
  if (write.removed.length > 0) {
    await db.query('DELETE FROM health_check_state WHERE cluster_id = $1 AND check_key = ANY($2::text[])', [
      clusterId,
      write.removed,
    ]);
  }
  const rows = [
    ...write.states.map((s) => ({
      check_key: s.key,
      check_id: s.check.id,
      subject: s.check.subject,
      status: s.status,
      since: s.since,
      last_alert_at: s.lastAlertAt,
      doc: s.check,
    })),
    {
      check_key: VERDICT_KEY,
      check_id: VERDICT_KEY,
      subject: 'cluster',
      status: write.verdict,
      since: report.checkedAt,
      last_alert_at: null,
      doc: {},
    },
  ];
  await db.query(
    `INSERT INTO health_check_state
       (cluster_id, check_key, check_id, subject, status, since, last_report_id, last_alert_at, doc, updated_at)
     SELECT $1, r.check_key, r.check_id, r.subject, r.status, r.since, $2, r.last_alert_at, r.doc, now()
       FROM jsonb_to_recordset($3::jsonb)
         AS r(check_key text, check_id text, subject text, status text, since timestamptz,
              last_alert_at timestamptz, doc jsonb)
     ON CONFLICT (cluster_id, check_key) DO UPDATE SET
       status = EXCLUDED.status,
       since = CASE WHEN health_check_state.status = EXCLUDED.status
                    THEN health_check_state.since ELSE EXCLUDED.since END,
       last_report_id = EXCLUDED.last_report_id,
       last_alert_at = CASE WHEN health_check_state.status = EXCLUDED.status
                            THEN GREATEST(health_check_state.last_alert_at, EXCLUDED.last_alert_at)
                            ELSE EXCLUDED.last_alert_at END,
       doc = EXCLUDED.doc,
       updated_at = now()`,
    [clusterId, report.reportId, JSON.stringify(rows)],
  );
}
