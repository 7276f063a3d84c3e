// bench/mcp/audit: where a gateway call's database time goes, in process, with BENCH_CLIENTS (32)
// concurrent callers on one pool (the gateway's: createPool defaults, max 10). Each row is one variant:
// plain one-row insert, the audit transaction without NOTIFY, the full audit transaction written by
// hand (the gateway's record() before group commit), the gateway's current record(), and token verify.
// Run: pnpm --filter @swarmops/bench exec tsx mcp/audit.ts   (needs DATABASE_URL and a built gateway)
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createTokenStore } from '@swarmops/auth';
import { pgFixture } from '@swarmops/testkit/harness';
import type pg from 'pg';
import { quantile } from '../bus-rpc/stats.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);
const PER_CLIENT = Number(process.env.BENCH_PER_CLIENT ?? 50);
const AUDIT = fileURLToPath(new URL('../../apps/mcp-gateway/dist/audit/index.js', import.meta.url));
if (!existsSync(AUDIT)) throw new Error(`${AUDIT} missing: run pnpm --filter @swarmops/mcp-gateway build`);
const { createAuditLog } = (await import(AUDIT)) as {
  createAuditLog: (pool: pg.Pool) => { record(input: object): Promise<unknown> };
};

// A fresh migrated database next to DATABASE_URL's, dropped at the end.
const db = await pgFixture();
const pool = db.pool;

const entry = () => ({
  principal: 'token:swo_bench000',
  tokenId: randomUUID(),
  clientId: null,
  tool: 'list_nodes',
  arguments: {},
  decision: 'allowed',
  outcome: 'ok',
  errorCode: null,
  durationMs: 3,
  traceId: null,
});
const auditRow = (id: string) => [id, 'local', new Date(), 'token:swo_bench000', 'list_nodes', '{}'];
const AUDIT_SQL = `INSERT INTO audit_log (id, cluster_id, time, principal, tool, arguments, decision, outcome, duration_ms)
  VALUES ($1, $2, $3, $4, $5, $6, 'allowed', 'ok', 3)`;
const OUTBOX_SQL = `INSERT INTO outbox (id, cluster_id, subject, type, payload) VALUES ($1, 'local', 'swarmops.events.audit.recorded', 'audit.recorded', $2)`;

async function inTx(fn: (c: pg.PoolClient) => Promise<void>): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await fn(c);
    await c.query('COMMIT');
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  } finally {
    c.release();
  }
}

const variants: [string, () => Promise<unknown>][] = [
  ['plain one-row insert (autocommit)', () => pool.query(AUDIT_SQL, auditRow(randomUUID()))],
  [
    'audit row + outbox row, no NOTIFY',
    () =>
      inTx(async (c) => {
        const id = randomUUID();
        await c.query(AUDIT_SQL, auditRow(id));
        await c.query(OUTBOX_SQL, [randomUUID(), JSON.stringify({ id })]);
      }),
  ],
  [
    'audit row + outbox row + NOTIFY',
    () =>
      inTx(async (c) => {
        const id = randomUUID();
        await c.query(AUDIT_SQL, auditRow(id));
        await c.query(OUTBOX_SQL, [randomUUID(), JSON.stringify({ id })]);
        await c.query(`SELECT pg_notify('swarmops_outbox', '')`);
      }),
  ],
  ['gateway createAuditLog(pool).record() (current build)', () => audit.record(entry())],
];
const audit = createAuditLog(pool);
const tokens = createTokenStore(pool);
const { token } = await tokens.create({ name: 'bench', role: 'viewer' });
variants.push(['token verify (select by prefix + sha256)', () => tokens.verify(token)]);

try {
  console.log(`audit: ${CLIENTS} concurrent callers x ${PER_CLIENT} each, pool max 10`);
  for (const [label, fn] of variants) {
    await Promise.all(Array.from({ length: CLIENTS }, () => fn())); // warm-up
    const samples: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let k = 0; k < PER_CLIENT; k++) {
          const s = performance.now();
          await fn();
          samples.push(performance.now() - s);
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    const ms = (v: number) => `${v.toFixed(2)} ms`.padStart(9);
    console.log(
      `${label.padEnd(55)} p50 ${ms(quantile(samples, 0.5))}  p99 ${ms(quantile(samples, 0.99))}  ${(samples.length / secs).toFixed(0)}/s`,
    );
  }
} finally {
  await tokens.flush();
  await db.cleanup();
}
