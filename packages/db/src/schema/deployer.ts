import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// Owned by the deployer: every deployed compose file, every deployment and its timeline.

/**
 * Every compose file deployed to a stack, numbered per stack from 1. `rollback_stack` re-applies one;
 * the plan diffs against the newest. `env` holds the interpolation values the file was deployed with.
 */
export const stackVersions = pgTable(
  'stack_versions',
  {
    clusterId: text('cluster_id').notNull(),
    stack: text('stack').notNull(),
    version: integer('version').notNull(),
    compose: text('compose').notNull(),
    env: jsonb('env').$type<Record<string, string>>().notNull().default({}),
    strategy: text('strategy').notNull(),
    deploymentId: uuid('deployment_id').notNull(),
    /** Image reference → resolved digest (or image id when no registry digest exists), per service. */
    digests: jsonb('digests').$type<Record<string, string>>().notNull().default({}),
    deployedAt: timestamp('deployed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.stack, t.version] })],
);

/**
 * One change made by the deployer. At most one `running` row per stack (a unique partial index),
 * which is how a second deploy of the same stack gets CONFLICT. `owner` and `heartbeat_at` let a
 * restarted deployer find what it left in flight.
 */
export const deployments = pgTable(
  'deployments',
  {
    id: uuid('id').primaryKey(),
    clusterId: text('cluster_id').notNull(),
    /** Stack namespace; for a service outside any stack, the service name. */
    stack: text('stack').notNull(),
    kind: text('kind').notNull(),
    version: integer('version').notNull(),
    strategy: text('strategy'),
    status: text('status').notNull(),
    requestedBy: text('requested_by'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    error: text('error'),
    /** `resumed` | `rolled-back` when finished by a deployer that restarted mid-deploy. */
    recovery: text('recovery'),
    services: jsonb('services').$type<unknown[]>().notNull().default([]),
    /** What the deployment applies, enough to resume it (never secret values). */
    target: jsonb('target').notNull(),
    /** What was live before, enough to roll back (service specs by name, previous version). */
    previous: jsonb('previous').notNull(),
    owner: text('owner').notNull(),
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('deployments_one_running_per_stack_uq')
      .on(t.clusterId, t.stack)
      .where(sql`${t.status} = 'running'`),
    index('deployments_stack_started_idx').on(t.clusterId, t.stack, t.startedAt),
    index('deployments_started_idx').on(t.startedAt),
  ],
);

/** The timeline of a deployment, numbered from 0. */
export const deploymentSteps = pgTable(
  'deployment_steps',
  {
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => deployments.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    name: text('name').notNull(),
    status: text('status').notNull(),
    message: text('message').notNull(),
    subject: text('subject'),
    details: jsonb('details').$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.deploymentId, t.seq] })],
);
