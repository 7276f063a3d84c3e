import { AppError, ErrorCode, HealthReportSchema } from '@swarmops/contracts';
import type { HealthReport, HealthReportSummary, HealthStatus } from '@swarmops/contracts';
import type pg from 'pg';

/** A query runner: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

/** Filters of a history listing (`reports.list`). */
export interface ReportsListQuery {
  limit: number;
  cursor?: string | undefined;
  status?: HealthStatus | undefined;
  since?: string | undefined;
  checkId?: string | undefined;
}

/** Most bytes of report summaries in one `reports.list` page. */
export const PAGE_BYTES = 512 * 1024;

/** Stored reports: every run with every check result, newest first, pruned after the retention. */
export interface ReportsRepo {
  /** Stores a report and its checks; `db` is the caller's transaction, the pool by default. */
  insert(clusterId: string, report: HealthReport, db?: Queryable): Promise<void>;
  get(clusterId: string, reportId: string): Promise<HealthReport | null>;
  /** The newest cluster-wide report. */
  latest(clusterId: string): Promise<HealthReport | null>;
  list(
    clusterId: string,
    query: ReportsListQuery,
  ): Promise<{ items: HealthReportSummary[]; nextCursor: string | null }>;
  /** Deletes reports checked before `before` (their checks go with them); returns how many. */
  prune(clusterId: string, before: Date): Promise<number>;
}

/** {@link ReportsRepo} on PostgreSQL (`health_reports`, `health_checks`). */
export function createReportsRepo(pool: pg.Pool): ReportsRepo {
  return {
    async insert(clusterId, report, db = pool) {
      await db.query(
        `INSERT INTO health_reports (id, cluster_id, scope, target, status, trigger, checked_at, duration_ms, doc)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          report.reportId,
          clusterId,
          report.scope,
          report.target,
          report.status,
          report.trigger,
          report.checkedAt,
          Math.round(report.durationMs),
          JSON.stringify(report),
        ],
      );
      if (report.checks.length === 0) return;
      const rows = report.checks.map((c, seq) => ({
        seq,
        check_id: c.id,
        subject: c.subject,
        status: c.status,
        severity: c.severity,
        doc: c,
      }));
      await db.query(
        `INSERT INTO health_checks (report_id, seq, cluster_id, check_id, subject, status, severity, doc)
         SELECT $1, r.seq, $2, r.check_id, r.subject, r.status, r.severity, r.doc
           FROM jsonb_to_recordset($3::jsonb)
             AS r(seq int, check_id text, subject text, status text, severity text, doc jsonb)`,
        [report.reportId, clusterId, JSON.stringify(rows)],
      );
    },

    async get(clusterId, reportId) {
      const { rows } = await pool.query<{ doc: unknown }>(
        'SELECT doc FROM health_reports WHERE cluster_id = $1 AND id = $2',
        [clusterId, reportId],
      );
      return rows[0] === undefined ? null : HealthReportSchema.parse(rows[0].doc);
    },

    async latest(clusterId) {
      const { rows } = await pool.query<{ doc: unknown }>(
        `SELECT doc FROM health_reports WHERE cluster_id = $1 AND scope = 'cluster'
          ORDER BY checked_at DESC, id DESC LIMIT 1`,
        [clusterId],
      );
      return rows[0] === undefined ? null : HealthReportSchema.parse(rows[0].doc);
    },

    async list(clusterId, query) {
      const params: unknown[] = [clusterId];
      const where = ['r.cluster_id = $1'];
      const add = (sql: (n: string) => string, value: unknown) => {
        params.push(value);
        where.push(sql(`$${params.length}`));
      };
      if (query.status !== undefined) add((p) => `r.status = ${p}`, query.status);
      if (query.since !== undefined) add((p) => `r.checked_at >= ${p}`, query.since);
      if (query.checkId !== undefined) {
        add(
          (p) =>
            `EXISTS (SELECT 1 FROM health_checks c WHERE c.report_id = r.id AND c.check_id = ${p} AND c.status <> 'ok')`,
          query.checkId,
        );
      }
      if (query.cursor !== undefined) {
        const { at, id } = decodeCursor(query.cursor);
        params.push(at, id);
        where.push(`(r.checked_at, r.id) < ($${params.length - 1}, $${params.length})`);
      }
      params.push(query.limit + 1);
      const { rows } = await pool.query<{ doc: unknown }>(
        `SELECT r.doc FROM health_reports r WHERE ${where.join(' AND ')}
          ORDER BY r.checked_at DESC, r.id DESC LIMIT $${params.length}`,
        params,
      );
      const items: HealthReportSummary[] = [];
      let bytes = 0;
      for (const row of rows.slice(0, query.limit)) {
        const summary = summarize(HealthReportSchema.parse(row.doc));
        bytes += Buffer.byteLength(JSON.stringify(summary));
        // A page stays well under NATS's max_payload (1 MB by default): cut it short and let the cursor go on.
        if (items.length > 0 && bytes > PAGE_BYTES) break;
        items.push(summary);
      }
      const last = items.at(-1);
      const more = rows.length > items.length;
      return {
        items,
        nextCursor: more && last !== undefined ? encodeCursor(last.checkedAt, last.reportId) : null,
      };
    },

    async prune(clusterId, before) {
      const { rowCount } = await pool.query(
        'DELETE FROM health_reports WHERE cluster_id = $1 AND checked_at < $2',
        [clusterId, before.toISOString()],
      );
      return rowCount ?? 0;
    },
  };
}

/** A report without its passing checks, as history lists show it. */
export function summarize(report: HealthReport): HealthReportSummary {
  const { checks, ...rest } = report;
  return { ...rest, problems: checks.filter((c) => c.status !== 'ok') };
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      !Number.isNaN(Date.parse(value[0])) &&
      /^[0-9a-f-]{36}$/.test(value[1])
    ) {
      return { at: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  throw new AppError(ErrorCode.INVALID_REQUEST, 'cursor: not a cursor this service issued', {
    details: { field: 'cursor' },
  });
}
