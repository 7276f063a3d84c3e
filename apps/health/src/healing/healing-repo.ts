import { and, count, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { enqueueOutbox } from '@swarmops/bus';
import {
  AppError,
  AuditEntrySchema,
  createEvent,
  GatewayEventType,
  HealingPolicySchema,
  HealingRecordSchema,
  HealthEventType,
  HEALING_ACTION_FOR_CHECK,
} from '@swarmops/contracts';
import type { HealingMode, HealingPolicy, HealingRecord } from '@swarmops/contracts';
import type { Database } from '@swarmops/db';
import { schema } from '@swarmops/db';
import type { LastAction } from './decide.js';

const { auditLog, healingActions, healingPolicies } = schema;
const SOURCE = 'health';
/** The principal of every healing decision in `audit_log`. */
export const HEALING_PRINCIPAL = 'system:health';

/** A healing decision to record, with how long the deployer call took and the error code of a failure. */
export interface NewHealingRecord extends Omit<HealingRecord, 'id' | 'at'> {
  durationMs: number;
  errorCode: string | null;
}

/** Policies and decisions in PostgreSQL; every decision is written with its audit row and events. */
export interface HealingRepo {
  policies(clusterId: string): Promise<HealingPolicy[]>;
  setPolicy(
    clusterId: string,
    input: {
      checkId: keyof typeof HEALING_ACTION_FOR_CHECK;
      mode: HealingMode;
      afterMinutes?: number | undefined;
      maxPerHour?: number | undefined;
      /** Absent: the policy applies to every stack again. */
      stacks?: string[] | undefined;
      requestedBy?: string | undefined;
    },
  ): Promise<HealingPolicy>;
  /** Decisions newest first, keyset-paged. */
  list(
    clusterId: string,
    query: { limit: number; cursor?: string | undefined; checkId?: string | undefined },
  ): Promise<{ items: HealingRecord[]; nextCursor: string | null }>;
  /** Planned, executed and failed decisions in `mode` since `since`: of `checkId`, and of every check. */
  countSince(
    clusterId: string,
    checkId: string,
    mode: HealingMode,
    since: Date,
  ): Promise<{ policy: number; overall: number }>;
  /** The newest decision for one check key in `mode` (switching modes starts afresh). */
  lastAction(
    clusterId: string,
    checkId: string,
    subject: string,
    mode: HealingMode,
  ): Promise<LastAction | null>;
  /** One transaction: the healing_actions row, its audit_log row, `health.healing.action` and `audit.recorded`. */
  record(clusterId: string, input: NewHealingRecord): Promise<HealingRecord>;
}

const COUNTED = ['planned', 'executed', 'failed'];

/** Creates the repo; ids and the clock injected. */
export function createHealingRepo(db: Database, deps: { now: () => Date; newId: () => string }): HealingRepo {
  return {
    async policies(clusterId) {
      const rows = await db
        .select()
        .from(healingPolicies)
        .where(eq(healingPolicies.clusterId, clusterId))
        .orderBy(healingPolicies.checkId);
      return rows.map(toPolicy);
    },

    async setPolicy(clusterId, input) {
      const now = deps.now();
      const values = {
        clusterId,
        checkId: input.checkId,
        mode: input.mode,
        action: HEALING_ACTION_FOR_CHECK[input.checkId],
        afterMinutes: input.afterMinutes ?? 5,
        maxPerHour: input.maxPerHour ?? 3,
        stacks: input.stacks ?? null,
        updatedBy: input.requestedBy ?? null,
        updatedAt: now,
      };
      // Values not given keep what the policy had, except `stacks`: absent clears the limit.
      const [row] = await db
        .insert(healingPolicies)
        .values(values)
        .onConflictDoUpdate({
          target: [healingPolicies.clusterId, healingPolicies.checkId],
          set: {
            mode: values.mode,
            action: values.action,
            stacks: values.stacks,
            updatedBy: values.updatedBy,
            updatedAt: now,
            ...(input.afterMinutes === undefined ? {} : { afterMinutes: input.afterMinutes }),
            ...(input.maxPerHour === undefined ? {} : { maxPerHour: input.maxPerHour }),
          },
        })
        .returning();
      if (row === undefined) throw new AppError('INTERNAL', 'the policy was not stored');
      return toPolicy(row);
    },

    async list(clusterId, query) {
      const where: SQL[] = [eq(healingActions.clusterId, clusterId)];
      if (query.checkId !== undefined) where.push(eq(healingActions.checkId, query.checkId));
      if (query.cursor !== undefined) {
        const c = decodeCursor(query.cursor);
        where.push(sql`(${healingActions.at}, ${healingActions.id}) < (${c.at}::timestamptz, ${c.id}::uuid)`);
      }
      const rows = await db
        .select()
        .from(healingActions)
        .where(and(...where))
        .orderBy(desc(healingActions.at), desc(healingActions.id))
        .limit(query.limit + 1);
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      const nextCursor =
        rows.length > query.limit && last !== undefined ? encodeCursor(last.at.toISOString(), last.id) : null;
      return { items: page.map(toRecord), nextCursor };
    },

    async countSince(clusterId, checkId, mode, since) {
      const rows = await db
        .select({ checkId: healingActions.checkId, n: count() })
        .from(healingActions)
        .where(
          and(
            eq(healingActions.clusterId, clusterId),
            eq(healingActions.mode, mode),
            inArray(healingActions.outcome, COUNTED),
            gte(healingActions.at, since),
          ),
        )
        .groupBy(healingActions.checkId);
      return {
        policy: rows.find((r) => r.checkId === checkId)?.n ?? 0,
        overall: rows.reduce((sum, r) => sum + r.n, 0),
      };
    },

    async lastAction(clusterId, checkId, subject, mode) {
      const [row] = await db
        .select()
        .from(healingActions)
        .where(
          and(
            eq(healingActions.clusterId, clusterId),
            eq(healingActions.checkId, checkId),
            eq(healingActions.subject, subject),
            eq(healingActions.mode, mode),
          ),
        )
        .orderBy(desc(healingActions.at), desc(healingActions.id))
        .limit(1);
      if (row === undefined) return null;
      return { outcome: toRecord(row).outcome, reason: row.reason, at: row.at };
    },

    async record(clusterId, input) {
      const at = deps.now();
      const { durationMs, errorCode, ...fields } = input;
      const record = HealingRecordSchema.parse({ ...fields, id: deps.newId(), at: at.toISOString() });
      const entry = AuditEntrySchema.parse({
        id: deps.newId(),
        time: at.toISOString(),
        principal: HEALING_PRINCIPAL,
        tokenId: null,
        clientId: null,
        tool: `heal:${record.action}`,
        arguments: { checkId: record.checkId, subject: record.subject, mode: record.mode },
        decision: record.outcome === 'refused' ? 'denied' : 'allowed',
        outcome: record.outcome === 'refused' ? 'denied' : record.outcome === 'failed' ? 'error' : 'ok',
        errorCode:
          record.outcome === 'refused'
            ? 'FORBIDDEN'
            : record.outcome === 'failed'
              ? (errorCode ?? 'INTERNAL')
              : null,
        durationMs: Math.max(0, Math.round(durationMs)),
        traceId: null,
      });
      const events = { newId: deps.newId, now: () => at };
      await db.transaction(async (tx) => {
        await tx.insert(healingActions).values({ ...record, clusterId, at });
        await tx.insert(auditLog).values({ ...entry, clusterId, time: at, arguments: entry.arguments ?? {} });
        await enqueueOutbox(tx, [
          createEvent(events, {
            type: HealthEventType.healingAction,
            source: SOURCE,
            clusterId,
            data: { ...record },
          }),
          createEvent(events, {
            type: GatewayEventType.auditRecorded,
            source: SOURCE,
            clusterId,
            data: { ...entry },
          }),
        ]);
      });
      return record;
    },
  };
}

function toPolicy(row: typeof healingPolicies.$inferSelect): HealingPolicy {
  return HealingPolicySchema.parse({
    checkId: row.checkId,
    mode: row.mode,
    action: row.action,
    afterMinutes: row.afterMinutes,
    maxPerHour: row.maxPerHour,
    stacks: row.stacks ?? null,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  });
}

function toRecord(row: typeof healingActions.$inferSelect): HealingRecord {
  return HealingRecordSchema.parse({
    id: row.id,
    checkId: row.checkId,
    subject: row.subject,
    action: row.action,
    mode: row.mode,
    outcome: row.outcome,
    reason: row.reason,
    deploymentId: row.deploymentId,
    at: row.at.toISOString(),
  });
}

function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify({ at, id })).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      at?: unknown;
      id?: unknown;
    };
    if (
      typeof value.at === 'string' &&
      !Number.isNaN(Date.parse(value.at)) &&
      typeof value.id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(value.id)
    ) {
      return { at: value.at, id: value.id };
    }
  } catch {
    // falls through to the refusal
  }
  throw new AppError('INVALID_REQUEST', 'cursor: not a cursor this list returned', {
    details: { issues: [{ path: 'cursor', message: 'invalid cursor' }] },
  });
}
