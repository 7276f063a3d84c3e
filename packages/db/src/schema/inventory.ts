import { integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Swarm nodes as inventory last saw them (seed fields). */
export const nodes = pgTable(
  'nodes',
  {
    clusterId: text('cluster_id').notNull(),
    nodeId: text('node_id').notNull(),
    hostname: text('hostname').notNull(),
    ipAddress: text('ip_address').notNull(),
    /** `manager` | `worker`. */
    role: text('role').notNull(),
    /** `ready` | `down` | `unknown`. */
    status: text('status').notNull(),
    /** `active` | `pause` | `drain`. */
    availability: text('availability').notNull(),
    /** `{ cpus, memoryBytes, diskBytes? }`. */
    resources: jsonb('resources').$type<Record<string, number>>().notNull().default({}),
    labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.nodeId] })],
);

/** Swarm services (seed fields). */
export const services = pgTable(
  'services',
  {
    clusterId: text('cluster_id').notNull(),
    serviceId: text('service_id').notNull(),
    name: text('name').notNull(),
    image: text('image').notNull(),
    /** Desired replicas; null for global services. */
    replicas: integer('replicas'),
    /** `replicated` | `global`. */
    mode: text('mode').notNull(),
    constraints: jsonb('constraints').$type<string[]>().notNull().default([]),
    labels: jsonb('labels').$type<Record<string, string>>().notNull().default({}),
    /** Stack name (`com.docker.stack.namespace`), null when not part of a stack. */
    stack: text('stack'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.serviceId] })],
);

/** Stacks (seed fields). */
export const stacks = pgTable(
  'stacks',
  {
    clusterId: text('cluster_id').notNull(),
    stackId: text('stack_id').notNull(),
    name: text('name').notNull(),
    composeFile: text('compose_file'),
    version: integer('version').notNull().default(1),
    deployTime: timestamp('deploy_time', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.clusterId, t.stackId] }),
    uniqueIndex('stacks_cluster_name_idx').on(t.clusterId, t.name),
  ],
);

/** Swarm tasks. */
export const tasks = pgTable(
  'tasks',
  {
    clusterId: text('cluster_id').notNull(),
    taskId: text('task_id').notNull(),
    serviceId: text('service_id').notNull(),
    nodeId: text('node_id'),
    slot: integer('slot'),
    /** Current state, e.g. `running`, `failed`. */
    state: text('state').notNull(),
    desiredState: text('desired_state').notNull(),
    error: text('error'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.taskId] })],
);
