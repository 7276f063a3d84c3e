import { randomUUID } from 'node:crypto';
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
import type { AuditEntry } from '@swarmops/contracts';
import { enqueueOutbox } from '@swarmops/bus';
import { auditLog, createDatabase } from '@swarmops/db';
import { decodeAuditCursor, encodeAuditCursor } from './cursor.js';
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
  /** Writes one audit_log row and its `audit.recorded` event in one transaction. */
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
}

type Row = typeof auditLog.$inferSelect;

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
 */
export function createAuditLog(pool: pg.Pool, options: AuditLogOptions = {}): AuditLog {
  const { clusterId = 'local', source = 'mcp-gateway', now = () => new Date(), newId = randomUUID } = options;
  const db = createDatabase(pool);

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
          ...(input.traceparent ? { traceparent: input.traceparent } : {}),
        },
      );
      await db.transaction(async (tx) => {
        await tx.insert(auditLog).values({ ...entry, clusterId, time, arguments: entry.arguments ?? {} });
        await enqueueOutbox(tx, [event]);
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
