import { z } from 'zod';

const TRUE_WORDS = ['true', '1', 'yes', 'on'] as const;
const FALSE_WORDS = ['false', '0', 'no', 'off'] as const;
const DURATION_UNITS_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const;

/**
 * A TCP port from an env string: an integer from 0 to 65535 (0 asks the OS for a free port).
 *
 * @example `HTTP_PORT: envPort().default(7071)`
 */
export function envPort() {
  return z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, { error: 'expected a port number (0-65535)' })
    .transform(Number)
    .pipe(z.number().int().min(0).max(65_535, { error: 'expected a port number (0-65535)' }));
}

/**
 * A boolean from an env string: `true|1|yes|on` or `false|0|no|off`, case-insensitive.
 *
 * @example `SWARMOPS_AUTOHEAL: envBool().default(false)`
 */
export function envBool() {
  return z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.enum([...TRUE_WORDS, ...FALSE_WORDS], { error: 'expected a boolean (true/false, 1/0, yes/no)' }))
    .transform((word) => (TRUE_WORDS as readonly string[]).includes(word));
}

/**
 * A duration in milliseconds from an env string: a bare integer is milliseconds, or an integer with
 * one unit of `ms`, `s`, `m` or `h` (`1500`, `500ms`, `10s`, `5m`, `1h`).
 *
 * @example `RECONCILE_INTERVAL_MS: envDurationMs().default(60_000)`
 */
export function envDurationMs() {
  return z
    .string()
    .trim()
    .regex(/^\d+(ms|s|m|h)?$/, { error: 'expected a duration such as 1500, 500ms, 10s, 5m or 1h' })
    .transform((text) => {
      const match = /^(\d+)(ms|s|m|h)?$/.exec(text);
      const amount = Number(match?.[1]);
      const unit = (match?.[2] ?? 'ms') as keyof typeof DURATION_UNITS_MS;
      return amount * DURATION_UNITS_MS[unit];
    });
}

/**
 * One URL, or a comma-separated list of URLs, whose scheme is one of `protocols` (without the colon).
 * The env string is kept as given; split it on commas where a list is accepted.
 *
 * @example `NATS_URL: envUrlList(['nats', 'tls']).default('nats://127.0.0.1:4222')`
 */
export function envUrlList(protocols: readonly string[]) {
  const schemes = protocols.map((p) => `${p}://`).join(', ');
  return z
    .string()
    .trim()
    .refine(
      (text) =>
        text.split(',').every((part) => {
          const candidate = part.trim();
          return URL.canParse(candidate) && protocols.includes(new URL(candidate).protocol.slice(0, -1));
        }),
      { error: `expected a URL (or comma-separated URLs) starting with ${schemes}` },
    );
}

/**
 * A whole number from an env string, within `min` and `max`, with errors naming the unit:
 * `expected a whole number of seconds`, `expected at least 1 seconds`.
 *
 * @example `INVENTORY_RESYNC_SECONDS: envWholeNumber('seconds', { min: 1 }).default(30)`
 */
export function envWholeNumber(what: string, { min = 0, max }: { min?: number; max?: number } = {}) {
  const bounded = z
    .number()
    .int()
    .min(min, { error: `expected at least ${min} ${what}` });
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { error: `expected a whole number of ${what}` })
    .transform(Number)
    .pipe(max === undefined ? bounded : bounded.max(max, { error: `expected at most ${max} ${what}` }));
}
