import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

// Owned by the MCP gateway: personal access tokens and the audit trail.

/**
 * Personal access tokens. Only the sha256 of the full secret is stored, never the secret; the
 * visible `prefix` (`swo_ab12cd34`) identifies a token in lists and revocations.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    clusterId: text('cluster_id').notNull(),
    name: text('name').notNull(),
    /** `swo_` plus the first 8 characters of the id part of the token; unique. */
    prefix: text('prefix').notNull(),
    /** Lower-case hex sha256 of the whole token. */
    hash: text('hash').notNull(),
    /** `viewer` | `operator` | `admin`. */
    role: text('role').notNull(),
    /** Stack names the token is limited to; null means every stack. */
    stacks: jsonb('stacks').$type<string[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    /** Who made it: an OS user, `up`, or a principal id. */
    createdBy: text('created_by').notNull(),
  },
  (t) => [uniqueIndex('api_tokens_prefix_uq').on(t.prefix), uniqueIndex('api_tokens_hash_uq').on(t.hash)],
);

/**
 * One row per gateway call, allowed or denied. Append-only: triggers (migration
 * `audit_append_only`) refuse UPDATE, DELETE and TRUNCATE for every role.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    clusterId: text('cluster_id').notNull(),
    time: timestamp('time', { withTimezone: true }).notNull(),
    principal: text('principal').notNull(),
    tokenId: text('token_id'),
    clientId: text('client_id'),
    tool: text('tool').notNull(),
    /** Redacted arguments. */
    arguments: jsonb('arguments').notNull(),
    /** `allowed` | `denied`. */
    decision: text('decision').notNull(),
    /** `ok` | `error` | `denied`. */
    outcome: text('outcome').notNull(),
    errorCode: text('error_code'),
    durationMs: integer('duration_ms').notNull(),
    traceId: text('trace_id'),
  },
  (t) => [
    index('audit_log_time_idx').on(t.clusterId, t.time.desc(), t.id.desc()),
    index('audit_log_principal_idx').on(t.clusterId, t.principal, t.time.desc()),
    index('audit_log_tool_idx').on(t.clusterId, t.tool, t.time.desc()),
  ],
);
