import { z } from 'zod';
import { CommonConfigSchema, envPort, envWholeNumber, loadConfig as parseEnv } from '@swarmops/runtime';
import type { Env } from '@swarmops/runtime';

const commaList = () =>
  z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    );

/** The deployer's environment: the common variables plus its bounds, timers and policy. */
export const ConfigSchema = CommonConfigSchema.extend({
  /** Port of the health, readiness and metrics listener. */
  HTTP_PORT: envPort().default(7072),
  /** Deployments, steps and stack versions live in PostgreSQL: required. Carries a password; never logged. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }),
  /** Service creates (and removes) run in parallel, at most this many at once per deployment. */
  DEPLOYER_MAX_PARALLEL: envWholeNumber('operations', { min: 1 }).default(4),
  /** Convergence timeout of a deployment that names none (`timeoutSeconds`). */
  DEPLOYER_DEFAULT_TIMEOUT_SECONDS: envWholeNumber('seconds', { min: 1 }).default(300),
  /** A running deployment's heartbeat period; a row silent for 3 of them is adopted by recovery. */
  DEPLOYER_HEARTBEAT_SECONDS: envWholeNumber('seconds', { min: 1 }).default(5),
  /** Bind-mount source prefixes allowed for every stack, comma-separated (e.g. `/srv/data,/var/log/app`). */
  DEPLOYER_POLICY_BIND_PREFIXES: commaList(),
  /** Stacks allowed every guarded setting (socket mounts, any bind, privileged caps, host pid/network). */
  DEPLOYER_POLICY_TRUSTED_STACKS: commaList(),
  /** Prometheus base URL for canary queries; a canary with `prometheusQuery` fails without it. */
  PROMETHEUS_URL: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
  /** Milliseconds any one Docker Engine API call may take. */
  DEPLOYER_DOCKER_TIMEOUT_MS: envWholeNumber('milliseconds', { min: 1 }).default(30_000),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Parses the deployer's config from `env`; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): Config {
  return parseEnv(ConfigSchema, env);
}
