import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type pg from 'pg';
import {
  AuditEntrySchema,
  AuditLogListRequestSchema,
  GatewayEventType,
  createEvent,
  parseOrThrow,
} from '@swarmops/contracts';
import type { AuditEntry, EventEnvelope } from '@swarmops/contracts';
import { enqueueOutbox } from '@swarmops/bus';
import { auditLog, createDatabase } from '@swarmops/db';
import { decodeAuditCursor, encodeAuditCursor } from './cursor.js';
import { createGroupCommit } from './group-commit.js';
import { redactArguments } from './redact.js';

/** One call to record; `arguments` are redacted here, `id` and `time` default to new ones. */
export type AuditRecordInput = Omit<AuditEntry, 'id' | 'time' | 'arguments'> & {
  arguments: unknown;
  id?: string;
  time?: Date;
  /** W3C traceparent of the call, carried on the `audit.recorded` event. */
  traceparent?: string;
};

/** The audit trail; see {@link createAuditLog}. */
export interface AuditLog {
  /**
   * Writes one audit_log row and its `audit.recorded` event, committed together; resolves once
   * they are durable, rejects (writing neither) when the transaction carrying them fails.
   */
  record(input: AuditRecordInput): Promise<AuditEntry>;
  /** Newest first, keyset-paged; `request` is validated with AuditLogListRequestSchema. */
  list(request: unknown): Promise<{ items: AuditEntry[]; nextCursor: string | null }>;
}

/** Options of {@link createAuditLog}. */
export interface AuditLogOptions {
  clusterId?: string;
  /** `source` of the events. Default `mcp-gateway`. */
  source?: string;
  now?: () => Date;
  newId?: () => string;
  /** Most entries committed in one transaction. Default 128. */
  maxBatch?: number;
  /** Called after each transaction with its number of entries and whether it committed. */
  onBatch?: (size: number, committed: boolean) => void;
}

type Row = typeof auditLog.$inferSelect;

/** The call's traceparent, or the caller's active one: the batch is written in another context. */
function traceOf(input: AuditRecordInput): { traceparent?: string } {
  if (input.traceparent) return { traceparent: input.traceparent };
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? { traceparent: carrier.traceparent } : {};
}

function toEntry(row: Row): AuditEntry {
  return {
    id: row.id,
    time: row.time.toISOString(),
    principal: row.principal,
    tokenId: row.tokenId,
    clientId: row.clientId,
    tool: row.tool,
    arguments: row.arguments,
    decision: row.decision as AuditEntry['decision'],
    outcome: row.outcome as AuditEntry['outcome'],
    errorCode: row.errorCode,
    durationMs: row.durationMs,
    traceId: row.traceId,
  };
}

/**
 * The append-only audit trail on `audit_log`. Each `record` inserts one row and enqueues one
 * `audit.recorded` event through the outbox in the same transaction, so the row and the event
 * exist together or not at all. Arguments are always redacted before they are stored.
 *
 * Concurrent records share transactions (group commit, see `group-commit.ts`): one multi-row
 * insert into audit_log, one into outbox and one NOTIFY per batch. A caller still resolves only
 * after its own row and event committed, and every caller of a failed batch is rejected.
 */
export function createAuditLog(pool: pg.Pool, options: AuditLogOptions = {}): AuditLog {
  const { clusterId = 'local', source = 'mcp-gateway', now = () => new Date(), newId = randomUUID } = options;
  const db = createDatabase(pool);
  type Pending = { row: typeof auditLog.$inferInsert; event: EventEnvelope };
  const batches = createGroupCommit<Pending>({
    write: (items) =>
      db.transaction(async (tx) => {
        await tx.insert(auditLog).values(items.map((i) => i.row));
        await enqueueOutbox(
          tx,
          items.map((i) => i.event),
        );
      }),
    maxBatch: options.maxBatch,
    onBatch: options.onBatch,
  });

  return {
    async record(input) {
      const time = input.time ?? now();
      const entry = AuditEntrySchema.parse({
        id: input.id ?? newId(),
        time: time.toISOString(),
        principal: input.principal,
        tokenId: input.tokenId,
        clientId: input.clientId,
        tool: input.tool,
        arguments: redactArguments(input.arguments),
        decision: input.decision,
        outcome: input.outcome,
        errorCode: input.errorCode,
        durationMs: Math.max(0, Math.round(input.durationMs)),
        traceId: input.traceId,
      });
      const event = createEvent(
        { newId, now: () => time },
        {
          type: GatewayEventType.auditRecorded,
          source,
          clusterId,
          data: entry,
          ...traceOf(input),
        },
      );
      await batches.submit({
        row: { ...entry, clusterId, time, arguments: entry.arguments ?? {} },
        event,
      });
      return entry;
    },

    async list(request) {
      const req = parseOrThrow(AuditLogListRequestSchema, request ?? {}, 'get_audit_log request');
      const where: SQL[] = [eq(auditLog.clusterId, clusterId)];
      if (req.principal) where.push(eq(auditLog.principal, req.principal));
      if (req.tool) where.push(eq(auditLog.tool, req.tool));
      if (req.decision) where.push(eq(auditLog.decision, req.decision));
      if (req.since) where.push(gte(auditLog.time, new Date(req.since)));
      if (req.cursor) {
        const c = decodeAuditCursor(req.cursor);
        where.push(
          sql`(${auditLog.time}, ${auditLog.id}) < (${new Date(c.time).toISOString()}::timestamptz, ${c.id}::uuid)`,
        );
      }
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(...where))
        .orderBy(desc(auditLog.time), desc(auditLog.id))
        .limit(req.limit + 1);
      const items = rows.slice(0, req.limit).map(toEntry);
      const last = items.at(-1);
      const nextCursor =
        rows.length > req.limit && last ? encodeAuditCursor({ time: last.time, id: last.id }) : null;
      return { items, nextCursor };
    },
  };
}
