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

/** Health's environment: the common variables plus its interval, probes, alerts and healing bounds. */
export const ConfigSchema = CommonConfigSchema.extend({
  /** Port of the health, readiness and metrics listener. */
  HTTP_PORT: envPort().default(7073),
  /** Reports, check states, policies and healing decisions live in PostgreSQL: required. Never logged. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }),
  /** Seconds between cluster-wide runs. Inventory events (node down, task failed...) also trigger a run. */
  HEALTH_INTERVAL_SECONDS: envWholeNumber('seconds', { min: 1 }).default(15),
  /** Swarmops services that must answer `$SRV.PING` (the `platform.service` check). */
  HEALTH_PLATFORM_SERVICES: commaList().default(['inventory', 'deployer']),
  /** Hours reports are kept; older ones are pruned. */
  HEALTH_REPORT_RETENTION_HOURS: envWholeNumber('hours', { min: 1 }).default(72),
  /** Alert webhooks, comma-separated. A URL whose host is `hooks.slack.com` gets a Slack body; others generic JSON. */
  HEALTH_ALERT_WEBHOOKS: commaList(),
  /** `generic` or `slack`: the body of every webhook, overriding the guess from the host. */
  HEALTH_ALERT_FORMAT: z.enum(['auto', 'generic', 'slack']).default('auto'),
  /** Seconds before a still-failing check is alerted again (dedupe in between). */
  HEALTH_ALERT_RESEND_SECONDS: envWholeNumber('seconds', { min: 1 }).default(3600),
  /** Most healing actions per rolling hour across all policies. */
  HEALTH_HEALING_MAX_PER_HOUR: envWholeNumber('actions', { min: 0 }).default(6),
  /** Milliseconds any one Docker Engine API call may take (health reads the swarm's CA only). */
  HEALTH_DOCKER_TIMEOUT_MS: envWholeNumber('milliseconds', { min: 1 }).default(10_000),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Parses health's config from `env`; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): Config {
  return parseEnv(ConfigSchema, env);
}
