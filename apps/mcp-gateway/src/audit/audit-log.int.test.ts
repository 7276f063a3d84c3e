import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pgFixture } from '@swarmops/testkit';
import type { PgFixture } from '@swarmops/testkit';
import { createAuditLog } from './audit-log.js';
import type { AuditRecordInput } from './audit-log.js';

const call = (over: Partial<AuditRecordInput> = {}): AuditRecordInput => ({
  principal: 'token:swo_ab12cd34',
  tokenId: null,
  clientId: null,
  tool: 'list_nodes',
  arguments: {},
  decision: 'allowed',
  outcome: 'ok',
  errorCode: null,
  durationMs: 4,
  traceId: null,
  ...over,
});

describe('audit log', () => {
  let pg: PgFixture;
  let tick = 0;
  const now = () => new Date(Date.UTC(2026, 2, 1, 12, 0, 0, tick++));

  beforeEach(async () => {
    pg = await pgFixture();
    tick = 0;
  });

  afterEach(async () => {
    await pg.cleanup();
  });

  it('writes exactly one row and one audit.recorded outbox event, with secrets redacted', async () => {
    const audit = createAuditLog(pg.pool, { clusterId: 'c1', now });
    const entry = await audit.record(
      call({
        tool: 'deploy_stack',
        arguments: { name: 'shop', env: { DB_PASSWORD: 'hunter2' } },
        traceId: 'abc',
      }),
    );
    const rows = await pg.pool.query<{ arguments: unknown; cluster_id: string }>('SELECT * FROM audit_log');
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]).toMatchObject({ cluster_id: 'c1', arguments: { name: 'shop', env: '[REDACTED]' } });
    const events = await pg.pool.query<{ type: string; subject: string; payload: { data: unknown } }>(
      'SELECT type, subject, payload FROM outbox',
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]).toMatchObject({
      type: 'audit.recorded',
      subject: 'swarmops.events.audit.recorded',
      payload: { data: entry },
    });
    expect(JSON.stringify([rows.rows, events.rows])).not.toContain('hunter2');
  });

  it('writes neither the row nor the event when the entry is invalid', async () => {
    const audit = createAuditLog(pg.pool, { now });
    await expect(audit.record(call({ tool: '' }))).rejects.toThrow();
    const counts = await pg.pool.query<{ a: string; o: string }>(
      'SELECT (SELECT count(*) FROM audit_log) AS a, (SELECT count(*) FROM outbox) AS o',
    );
    expect(counts.rows[0]).toEqual({ a: '0', o: '0' });
  });

  it('batches concurrent records into shared transactions, each with its own row and event', async () => {
    const sizes: number[] = [];
    const audit = createAuditLog(pg.pool, { now, onBatch: (n) => sizes.push(n) });
    const entries = await Promise.all(
      Array.from({ length: 20 }, (_, i) => audit.record(call({ tool: `t${i}` }))),
    );
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(20);
    expect(sizes.length).toBeLessThan(20);
    const rows = await pg.pool.query<{ id: string; tool: string }>(
      'SELECT id, tool FROM audit_log ORDER BY tool',
    );
    expect(rows.rows.map((r) => r.id).sort()).toEqual(entries.map((e) => e.id).sort());
    const events = await pg.pool.query<{ payload: { data: { id: string; tool: string } } }>(
      `SELECT payload FROM outbox WHERE type = 'audit.recorded'`,
    );
    expect(events.rows.map((e) => e.payload.data).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      entries.map((e) => ({ ...e })).sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('rejects every caller of a failed batch and writes none of its rows or events', async () => {
    const outcomes: boolean[] = [];
    const audit = createAuditLog(pg.pool, { now, onBatch: (_, ok) => outcomes.push(ok) });
    const clash = '00000000-0000-4000-8000-000000000001';
    // Same tick, so one batch; the duplicate id fails its transaction.
    const calls = [
      audit.record(call({ id: clash })),
      audit.record(call({ id: clash })),
      audit.record(call({ tool: 'innocent' })),
    ];
    for (const c of calls) await expect(c).rejects.toThrow();
    expect(outcomes).toEqual([false]);
    const counts = await pg.pool.query<{ a: string; o: string }>(
      'SELECT (SELECT count(*) FROM audit_log) AS a, (SELECT count(*) FROM outbox) AS o',
    );
    expect(counts.rows[0]).toEqual({ a: '0', o: '0' });
    await audit.record(call({ tool: 'after' }));
    expect((await audit.list({})).items.map((e) => e.tool)).toEqual(['after']);
  });

  it('pages newest first with a cursor and filters by principal, tool, decision and time', async () => {
    const audit = createAuditLog(pg.pool, { now });
    for (let i = 0; i < 5; i++) await audit.record(call({ tool: `t${i}` }));
    await audit.record(
      call({ principal: 'oauth:bob', decision: 'denied', outcome: 'denied', errorCode: 'FORBIDDEN' }),
    );

    const first = await audit.list({ limit: 4 });
    expect(first.items.map((e) => e.tool)).toEqual(['list_nodes', 't4', 't3', 't2']);
    expect(first.nextCursor).not.toBeNull();
    const second = await audit.list({ limit: 4, cursor: first.nextCursor });
    expect(second.items.map((e) => e.tool)).toEqual(['t1', 't0']);
    expect(second.nextCursor).toBeNull();

    expect((await audit.list({ principal: 'oauth:bob' })).items).toHaveLength(1);
    expect((await audit.list({ decision: 'denied' })).items[0]?.errorCode).toBe('FORBIDDEN');
    expect((await audit.list({ tool: 't3' })).items).toHaveLength(1);
    expect((await audit.list({ since: '2026-03-01T12:00:00.003Z' })).items).toHaveLength(3);
  });

  it('refuses unknown filters and bad cursors naming the field', async () => {
    const audit = createAuditLog(pg.pool, { now });
    await expect(audit.list({ who: 'x' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(audit.list({ cursor: 'garbage' })).rejects.toThrow(/cursor/);
  });

  it('keeps other clusters apart', async () => {
    await createAuditLog(pg.pool, { clusterId: 'a', now }).record(call());
    expect((await createAuditLog(pg.pool, { clusterId: 'b', now }).list({})).items).toEqual([]);
  });
});
