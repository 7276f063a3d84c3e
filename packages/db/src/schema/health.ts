import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Owned by health: every run with every check result, the state of each check across runs (for events,
// alerts and healing), the healing policies and every healing decision.

type Doc = Record<string, unknown>;

/** One health run. `doc` is the HealthReport exactly as the contracts describe it. */
export const healthReports = pgTable(
  'health_reports',
  {
    id: uuid('id').primaryKey(),
    clusterId: text('cluster_id').notNull(),
    /** `cluster` | `node` | `service` | `stack`. */
    scope: text('scope').notNull(),
    target: text('target'),
    /** `healthy` | `degraded` | `unhealthy`. */
    status: text('status').notNull(),
    /** `interval` | `on-demand` | `event`. */
    trigger: text('trigger').notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    doc: jsonb('doc').$type<Doc>().notNull(),
  },
  (t) => [index('health_reports_checked_idx').on(t.clusterId, t.checkedAt)],
);

/** Every check result of every run, so history can be filtered by check. */
export const healthChecks = pgTable(
  'health_checks',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => healthReports.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    clusterId: text('cluster_id').notNull(),
    checkId: text('check_id').notNull(),
    subject: text('subject').notNull(),
    /** `ok` | `warn` | `fail`. */
    status: text('status').notNull(),
    severity: text('severity').notNull(),
    doc: jsonb('doc').$type<Doc>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.seq] }),
    index('health_checks_check_idx').on(t.clusterId, t.checkId, t.status),
  ],
);

/**
 * The last known status of each check (`<id>|<subject>`), from cluster-wide runs. A change of status is what
 * emits `health.check.failed|recovered`; `last_alert_at` dedupes webhooks; `failing_since` feeds healing.
 * The row with key `verdict` holds the last verdict.
 */
export const healthCheckState = pgTable(
  'health_check_state',
  {
    clusterId: text('cluster_id').notNull(),
    checkKey: text('check_key').notNull(),
    checkId: text('check_id').notNull(),
    subject: text('subject').notNull(),
    status: text('status').notNull(),
    /** When the check entered its current status. */
    since: timestamp('since', { withTimezone: true }).notNull(),
    lastReportId: uuid('last_report_id'),
    lastAlertAt: timestamp('last_alert_at', { withTimezone: true }),
    doc: jsonb('doc').$type<Doc>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.checkKey] })],
);

/** Healing policies, one per check; absent means off. */
export const healingPolicies = pgTable(
  'healing_policies',
  {
    clusterId: text('cluster_id').notNull(),
    checkId: text('check_id').notNull(),
    /** `off` | `dry-run` | `on`. */
    mode: text('mode').notNull(),
    action: text('action').notNull(),
    afterMinutes: integer('after_minutes').notNull(),
    maxPerHour: integer('max_per_hour').notNull(),
    /** Stack names (string[]) the policy is limited to; null: every stack and services outside stacks. */
    stacks: jsonb('stacks').$type<string[]>(),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.checkId] })],
);

/** Every healing decision: planned (dry-run), executed, failed or refused by a guardrail. */
export const healingActions = pgTable(
  'healing_actions',
  {
    id: uuid('id').primaryKey(),
    clusterId: text('cluster_id').notNull(),
    checkId: text('check_id').notNull(),
    subject: text('subject').notNull(),
    action: text('action').notNull(),
    mode: text('mode').notNull(),
    outcome: text('outcome').notNull(),
    reason: text('reason'),
    deploymentId: uuid('deployment_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('healing_actions_at_idx').on(t.clusterId, t.at)],
);
