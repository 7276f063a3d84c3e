import { z } from 'zod';
import { CommonConfigSchema, envPort, envWholeNumber, loadConfig as parseEnv } from '@swarmops/runtime';
import type { Env } from '@swarmops/runtime';
import { parseSchedule } from './archive/schedule.js';

/** 32 bytes given as 64 hex digits or base64 (44 characters). Never logged. */
const encryptionKey = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
    if (key.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(text) && key.toString('base64') !== text)) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)',
      });
      return z.NEVER;
    }
    return key;
  });

/** Backup's environment: the common variables plus where archives go, how they are kept and encrypted. */
export const ConfigSchema = CommonConfigSchema.extend({
  /** Port of the health, readiness and metrics listener. */
  HTTP_PORT: envPort().default(7074),
  /** Backup and restore runs are recorded in PostgreSQL, and the archive holds its pg_dump: required. Never logged. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }),
  /** The local archive store (created if missing). `./swarmops up` sets it to `.swarmops/backups`. */
  BACKUP_DIR: z.string().trim().min(1, { error: 'expected a directory path' }),
  /** AES-256-GCM key for archives and the secrets file; unset means archives are written unencrypted. */
  BACKUP_ENCRYPTION_KEY: encryptionKey.optional(),
  /** A cron expression (5 or 6 fields, UTC) for scheduled backups; unset means none. */
  BACKUP_SCHEDULE: z
    .string()
    .trim()
    .min(1)
    .superRefine((expr, ctx) => {
      try {
        parseSchedule(expr);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
      }
    })
    .optional(),
  /** Retention: always keep this many newest archives... */
  BACKUP_KEEP_LAST: envWholeNumber('archives', { min: 1 }).default(7),
  /** ...plus the newest archive of each of this many recent days... */
  BACKUP_KEEP_DAILY: envWholeNumber('days', { min: 0 }).default(7),
  /** ...plus the newest archive of each of this many recent ISO weeks. */
  BACKUP_KEEP_WEEKLY: envWholeNumber('weeks', { min: 0 }).default(4),
  /** The operator's encrypted secrets file (see README): values re-injected into secrets on restore. */
  BACKUP_SECRETS_FILE: z.string().trim().min(1).optional(),
  /** `pg_dump` to run; found on PATH or under /usr/lib/postgresql/<version>/bin when unset. */
  BACKUP_PG_DUMP: z.string().trim().min(1).optional(),
  /** Milliseconds any one Docker Engine API call may take. */
  BACKUP_DOCKER_TIMEOUT_MS: envWholeNumber('milliseconds', { min: 1 }).default(30_000),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Parses backup's config from `env`; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): Config {
  return parseEnv(ConfigSchema, env);
}
