import { z } from 'zod';
import { CommonConfigSchema, envPort, envWholeNumber, loadConfig as parseEnv } from '@swarmops/runtime';
import type { Env } from '@swarmops/runtime';

/** Inventory's environment: the common variables plus its own intervals. */
export const ConfigSchema = CommonConfigSchema.extend({
  /** Port of the health, readiness and metrics listener. */
  HTTP_PORT: envPort().default(7071),
  /** Inventory keeps the cluster in PostgreSQL: required. Carries a password; never logged. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }),
  /** Seconds between full reconciles (one also runs at start); events keep the store fresh in between. */
  INVENTORY_RESYNC_SECONDS: envWholeNumber('seconds', { min: 1 }).default(30),
  /** Seconds between cheap task polls: task state changes have no Docker events of their own. */
  INVENTORY_TASK_POLL_SECONDS: envWholeNumber('seconds', { min: 1 }).default(2),
  /** Milliseconds a burst of Docker events is gathered before one targeted refresh runs. */
  INVENTORY_DEBOUNCE_MS: z
    .string()
    .trim()
    .regex(/^\d+$/, { error: 'expected a whole number of milliseconds' })
    .transform(Number)
    .default(100),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Parses inventory's config from `env`; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): Config {
  return parseEnv(ConfigSchema, env);
}
