import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// Owned by inventory: the cluster as it is. Each table keeps the columns reads filter and sort on,
// plus `doc`, the object exactly as the contracts package describes it (Node, Service, ...), which
// is what reads return and what reconcile diffs against. `version` is Docker's object version index.

type Doc = Record<string, unknown>;
type Labels = Record<string, string>;

const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** Swarm nodes. */
export const nodes = pgTable(
  'nodes',
  {
    clusterId: text('cluster_id').notNull(),
    nodeId: text('node_id').notNull(),
    hostname: text('hostname').notNull(),
    /** `manager` | `worker`. */
    role: text('role').notNull(),
    /** `ready` | `down` | `unknown`. */
    status: text('status').notNull(),
    /** `active` | `pause` | `drain`. */
    availability: text('availability').notNull(),
    labels: jsonb('labels').$type<Labels>().notNull().default({}),
    version: integer('version').notNull().default(0),
    doc: jsonb('doc').$type<Doc>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clusterId, t.nodeId] }),
    index('nodes_hostname_idx').on(t.clusterId, t.hostname),
  ],
);

/** Swarm services, with the raw Docker spec for `services.get`. */
export const services = pgTable(
  'services',
  {
    clusterId: text('cluster_id').notNull(),
    serviceId: text('service_id').notNull(),
    name: text('name').notNull(),
    /** Stack name (`com.docker.stack.namespace`), null when not part of a stack. */
    stack: text('stack'),
    labels: jsonb('labels').$type<Labels>().notNull().default({}),
    version: integer('version').notNull().default(0),
    spec: jsonb('spec').$type<Doc>().notNull(),
    doc: jsonb('doc').$type<Doc>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clusterId, t.serviceId] }),
    uniqueIndex('services_name_idx').on(t.clusterId, t.name),
    index('services_stack_idx').on(t.clusterId, t.stack),
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
    /** Observed state, e.g. `running`, `failed`. */
    state: text('state').notNull(),
    desiredState: text('desired_state').notNull(),
    version: integer('version').notNull().default(0),
    doc: jsonb('doc').$type<Doc>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.clusterId, t.taskId] }),
    index('tasks_service_idx').on(t.clusterId, t.serviceId),
    index('tasks_node_idx').on(t.clusterId, t.nodeId),
  ],
);

/**
 * Stacks, derived from the `com.docker.stack.namespace` label. The deployer fills `compose_file`,
 * `version` and `deploy_time` when it records a deployment.
 */
export const stacks = pgTable(
  'stacks',
  {
    clusterId: text('cluster_id').notNull(),
    name: text('name').notNull(),
    composeFile: text('compose_file'),
    version: integer('version'),
    deployTime: timestamp('deploy_time', { withTimezone: true }),
    doc: jsonb('doc').$type<Doc>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.name] })],
);

/** Swarm-scoped networks. */
export const networks = pgTable(
  'networks',
  {
    clusterId: text('cluster_id').notNull(),
    networkId: text('network_id').notNull(),
    name: text('name').notNull(),
    stack: text('stack'),
    labels: jsonb('labels').$type<Labels>().notNull().default({}),
    doc: jsonb('doc').$type<Doc>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.networkId] })],
);

/** Swarm configs: metadata only. */
export const configs = pgTable(
  'configs',
  {
    clusterId: text('cluster_id').notNull(),
    configId: text('config_id').notNull(),
    name: text('name').notNull(),
    stack: text('stack'),
    labels: jsonb('labels').$type<Labels>().notNull().default({}),
    version: integer('version').notNull().default(0),
    doc: jsonb('doc').$type<Doc>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.configId] })],
);

/** Swarm secrets: metadata only, never data. */
export const secrets = pgTable(
  'secrets',
  {
    clusterId: text('cluster_id').notNull(),
    secretId: text('secret_id').notNull(),
    name: text('name').notNull(),
    stack: text('stack'),
    labels: jsonb('labels').$type<Labels>().notNull().default({}),
    version: integer('version').notNull().default(0),
    doc: jsonb('doc').$type<Doc>().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.clusterId, t.secretId] })],
);

/** One row per swarm: what `cluster.summary` needs beyond the object tables. */
export const clusterState = pgTable('cluster_state', {
  clusterId: text('cluster_id').primaryKey(),
  /** Swarm facts: created/updated times, raft and dispatcher settings (no join tokens). */
  swarm: jsonb('swarm').$type<Doc>().notNull(),
  managerNodeId: text('manager_node_id'),
  lastReconcileAt: timestamp('last_reconcile_at', { withTimezone: true }),
  lastReconcileMs: integer('last_reconcile_ms'),
  lastChangeAt: timestamp('last_change_at', { withTimezone: true }),
  /** Last Docker event time applied, in nanoseconds since the epoch, as a decimal string. */
  eventsSince: text('events_since'),
  reconciling: boolean('reconciling').notNull().default(false),
  updatedAt: updatedAt(),
});
