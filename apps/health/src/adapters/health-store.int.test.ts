import { randomUUID } from 'node:crypto';
import { checkKey } from '@swarmops/contracts';
import type { CheckResult, HealthReport } from '@swarmops/contracts';
import { pgTest } from '@swarmops/testkit';
import type pg from 'pg';
import { describe, expect } from 'vitest';
import { runEvents } from '../domain/health-events.js';
import { computeTransitions } from '../domain/transitions.js';
import { verdictOf } from '../domain/verdict.js';
import { createCheckStateRepo } from './check-state-repo.js';
import type { PreviousStates } from './check-state-repo.js';
import { createReportsRepo, PAGE_BYTES } from './reports-repo.js';

const CLUSTER = 'cluster-int';

const check = (id: string, subject: string, status: CheckResult['status']): CheckResult => ({
  id,
  subject,
  status,
  severity: status === 'ok' ? 'info' : 'high',
  message: `${id} ${status}`,
  ...(status === 'ok' ? {} : { evidence: { n: 1 }, fix: 'do something' }),
});

const report = (checks: CheckResult[], at: Date, scope: HealthReport['scope'] = 'cluster'): HealthReport => ({
  status: verdictOf(checks),
  checkedAt: at.toISOString(),
  checks,
  reportId: randomUUID(),
  scope,
  target: scope === 'cluster' ? null : 'w1',
  trigger: 'on-demand',
  durationMs: 12.5,
  counts: {
    ok: checks.filter((c) => c.status === 'ok').length,
    warn: checks.filter((c) => c.status === 'warn').length,
    fail: checks.filter((c) => c.status === 'fail').length,
  },
});

/** What the runner does in the transaction: transitions and their events. */
const decideFor = (r: HealthReport, now: Date) => (previous: PreviousStates) => {
  const result = computeTransitions({
    previous: previous.states,
    previousVerdict: previous.verdict,
    checks: r.checks,
    status: r.status,
    subjectExists: () => true,
    now,
  });
  const events = runEvents(
    { newId: randomUUID, now: () => now },
    CLUSTER,
    r,
    result.transitions,
    result.verdictChange,
  );
  return { ...result, verdict: r.status, events };
};

// The order of events within one transaction is not defined: compare them sorted.
const outboxTypes = async (pool: pg.Pool) =>
  (await pool.query<{ type: string }>('SELECT type FROM outbox')).rows.map((r) => r.type).sort();

describe('health store (PostgreSQL)', () => {
  pgTest('commits the report, the check states and the events of a cluster run together', async ({ pg }) => {
    const reports = createReportsRepo(pg.pool);
    const states = createCheckStateRepo(pg.pool, reports);
    const t = (s: number) => new Date(Date.UTC(2026, 10, 27, 10, 0, s));

    const down = report(
      [check('node.status', 'node:w1', 'fail'), check('service.replicas', 'cluster', 'ok')],
      t(0),
    );
    await states.commitClusterRun(CLUSTER, down, decideFor(down, t(0)));
    expect(await outboxTypes(pg.pool)).toEqual(['health.check.failed', 'health.degraded']);
    const stored = await reports.get(CLUSTER, down.reportId);
    expect(stored).toEqual(down);
    const { rows } = await pg.pool.query(
      'SELECT count(*)::int AS n FROM health_checks WHERE report_id = $1',
      [down.reportId],
    );
    expect(rows[0]).toEqual({ n: 2 });

    const still = report(down.checks, t(15));
    const write = await states.commitClusterRun(CLUSTER, still, decideFor(still, t(15)));
    expect(write.transitions).toEqual([]);
    expect(write.failing[0]?.since).toBe(t(0).toISOString());
    expect(await outboxTypes(pg.pool)).toHaveLength(2);

    const up = report(
      [check('node.status', 'cluster', 'ok'), check('service.replicas', 'cluster', 'ok')],
      t(30),
    );
    await states.commitClusterRun(CLUSTER, up, decideFor(up, t(30)));
    expect(await outboxTypes(pg.pool)).toEqual([
      'health.check.failed',
      'health.check.recovered',
      'health.degraded',
      'health.recovered',
    ]);
    const after = await states.load(CLUSTER);
    expect(after.verdict).toBe('healthy');
    expect(after.states.map((s) => s.key).sort()).toEqual([
      'node.status|cluster',
      'service.replicas|cluster',
    ]);
  });

  pgTest('announces a transition once when two runs commit at the same time', async ({ pg }) => {
    const reports = createReportsRepo(pg.pool);
    const states = createCheckStateRepo(pg.pool, reports);
    const now = new Date();
    const runs = [1, 2, 3].map(() => report([check('node.status', 'node:w2', 'fail')], now));
    await Promise.all(runs.map((r) => states.commitClusterRun(CLUSTER, r, decideFor(r, now))));
    expect((await outboxTypes(pg.pool)).filter((t) => t === 'health.check.failed')).toHaveLength(1);
    const { rows } = await pg.pool.query('SELECT count(*)::int AS n FROM health_reports');
    expect(rows[0]).toEqual({ n: 3 });
  });

  pgTest('keeps the last alert time while a check fails and clears it when it changes', async ({ pg }) => {
    const reports = createReportsRepo(pg.pool);
    const states = createCheckStateRepo(pg.pool, reports);
    const failing = check('service.crash-loop', 'service:a', 'fail');
    const t0 = new Date('2026-11-27T10:00:00.000Z');
    const r1 = report([failing], t0);
    await states.commitClusterRun(CLUSTER, r1, decideFor(r1, t0));
    const alertAt = new Date('2026-11-27T10:00:01.000Z');
    await states.recordAlertSent(CLUSTER, checkKey(failing), alertAt);
    const t1 = new Date('2026-11-27T10:00:15.000Z');
    const r2 = report([failing], t1);
    const w2 = await states.commitClusterRun(CLUSTER, r2, decideFor(r2, t1));
    expect(w2.failing).toEqual([
      { check: failing, since: t0.toISOString(), lastAlertAt: alertAt.toISOString() },
    ]);
    const t2 = new Date('2026-11-27T10:00:30.000Z');
    const r3 = report([check('service.crash-loop', 'service:a', 'warn')], t2);
    await states.commitClusterRun(CLUSTER, r3, decideFor(r3, t2));
    expect((await states.load(CLUSTER)).states[0]).toMatchObject({ status: 'warn', lastAlertAt: null });
  });

  pgTest('lists reports newest first with filters and cursors, and prunes old ones', async ({ pg }) => {
    const reports = createReportsRepo(pg.pool);
    const base = Date.UTC(2026, 10, 27, 10, 0, 0);
    const made: HealthReport[] = [];
    for (let i = 0; i < 5; i++) {
      const checks =
        i % 2 === 0
          ? [check('node.status', 'cluster', 'ok')]
          : [check('service.update', 'service:a', 'warn')];
      const r = report(checks, new Date(base + i * 60_000), i === 4 ? 'node' : 'cluster');
      await reports.insert(CLUSTER, r);
      made.push(r);
    }
    const page1 = await reports.list(CLUSTER, { limit: 2 });
    expect(page1.items.map((s) => s.reportId)).toEqual([made[4]?.reportId, made[3]?.reportId]);
    expect(page1.items[1]?.problems).toEqual([check('service.update', 'service:a', 'warn')]);
    expect(page1.items[1]).not.toHaveProperty('checks');
    const page2 = await reports.list(CLUSTER, { limit: 2, cursor: page1.nextCursor ?? undefined });
    const page3 = await reports.list(CLUSTER, { limit: 2, cursor: page2.nextCursor ?? undefined });
    expect([...page2.items, ...page3.items].map((s) => s.reportId)).toEqual(
      [made[2], made[1], made[0]].map((r) => r?.reportId),
    );
    expect(page3.nextCursor).toBeNull();

    const degraded = await reports.list(CLUSTER, { limit: 10, status: 'degraded' });
    expect(degraded.items.map((s) => s.reportId)).toEqual([made[3]?.reportId, made[1]?.reportId]);
    const byCheck = await reports.list(CLUSTER, { limit: 10, checkId: 'service.update' });
    expect(byCheck.items).toHaveLength(2);
    const since = await reports.list(CLUSTER, {
      limit: 10,
      since: new Date(base + 3 * 60_000).toISOString(),
    });
    expect(since.items).toHaveLength(2);
    await expect(reports.list(CLUSTER, { limit: 10, cursor: 'not-a-cursor' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });

    expect((await reports.latest(CLUSTER))?.reportId).toBe(made[3]?.reportId);
    expect(await reports.get('other-cluster', made[0]?.reportId ?? '')).toBeNull();

    expect(await reports.prune(CLUSTER, new Date(base + 2 * 60_000))).toBe(2);
    const { rows } = await pg.pool.query('SELECT count(*)::int AS n FROM health_checks');
    expect(rows[0]).toEqual({ n: 3 });
  });

  pgTest(
    'cuts a page of large reports short of the NATS payload limit and goes on with the cursor',
    async ({ pg }) => {
      const reports = createReportsRepo(pg.pool);
      const big = (i: number) => ({
        ...check('service.crash-loop', `service:s${i}`, 'fail'),
        evidence: { errors: 'x'.repeat(100 * 1024) },
      });
      for (let i = 0; i < 8; i++) {
        await reports.insert(CLUSTER, report([big(i)], new Date(Date.UTC(2026, 10, 27, 10, i))));
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await reports.list(CLUSTER, { limit: 100, cursor });
        expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThan(PAGE_BYTES + 110 * 1024);
        seen.push(...page.items.map((s) => s.reportId));
        cursor = page.nextCursor ?? undefined;
        pages += 1;
      } while (cursor !== undefined);
      expect(new Set(seen).size).toBe(8);
      expect(pages).toBeGreaterThan(1);
    },
  );

  pgTest('prunes an old report with its checks', async ({ pg }) => {
    const reports = createReportsRepo(pg.pool);
    const old = report([check('node.status', 'cluster', 'ok')], new Date(Date.UTC(2026, 0, 1)));
    await reports.insert(CLUSTER, old);
    expect(await reports.prune(CLUSTER, new Date(Date.UTC(2026, 0, 2)))).toBe(1);
    const { rows } = await pg.pool.query('SELECT count(*)::int AS n FROM health_checks');
    expect(rows[0]).toEqual({ n: 0 });
  });
});
