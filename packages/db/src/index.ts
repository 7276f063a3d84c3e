export { createPool } from './pool.js';
export type { PoolOptions } from './pool.js';
export { createDatabase } from './database.js';
export type { Database } from './database.js';
export { migrate } from './migrate.js';
export type { MigrateOptions, MigrateResult } from './migrate.js';
export { migrationsFolder } from './migrations-folder.js';
export {
  apiTokens,
  auditLog,
  clusterState,
  deployments,
  deploymentSteps,
  configs,
  networks,
  nodes,
  outbox,
  processedEvents,
  secrets,
  services,
  stackVersions,
  stacks,
  tasks,
} from './schema/index.js';
export * as schema from './schema/index.js';
