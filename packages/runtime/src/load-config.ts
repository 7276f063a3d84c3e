import type { z } from 'zod';
import { ConfigError } from './config-error.js';

/** The shape of an environment: `process.env` or any plain record of strings. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parse the environment with a zod schema and return the typed config.
 *
 * Call it from `main`, never at import time. A variable set to the empty string counts as unset,
 * so `FOO= node main.js` falls back to the default. On failure it throws a {@link ConfigError} that
 * names every invalid variable (never its value).
 *
 * @example
 * ```ts
 * const ConfigSchema = CommonConfigSchema.extend({ HTTP_PORT: envPort().default(7071) });
 * const config = loadConfig(ConfigSchema); // reads process.env
 * ```
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: Env = process.env): z.output<S> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    variable: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
  throw new ConfigError(issues, { cause: result.error });
}
