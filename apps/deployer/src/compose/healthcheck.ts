import type { ConvertContext } from './context.js';
import type { EngineHealthConfig } from './engine-types.js';
import { joinPath } from './issues.js';
import type { HealthcheckFile } from './model.js';
import type { DesiredHealthcheck } from './types.js';
import { parseDuration } from './units.js';

// Docker's defaults for what a healthcheck leaves out (daemon/health.go), used only for monitor sizing.
const DEFAULT_INTERVAL_NS = 30e9;
const DEFAULT_TIMEOUT_NS = 30e9;
const DEFAULT_RETRIES = 3;
const DEFAULT_START_INTERVAL_NS = 5e9;

/**
 * A compose healthcheck → the Engine HealthConfig, as docker stack deploy converts it: a string test is
 * `CMD-SHELL`, a list passes as is, `disable: true` is `["NONE"]`; durations in nanoseconds.
 */
export function convertHealthcheck(
  ctx: ConvertContext,
  path: string,
  healthcheck: HealthcheckFile | undefined,
): EngineHealthConfig | undefined {
  if (healthcheck === undefined) return undefined;
  if (healthcheck.disable === true) {
    if (healthcheck.test !== undefined && healthcheck.test.length > 0) {
      ctx.issues.add(path, "test and disable can't be set at the same time");
      return undefined;
    }
    return { Test: ['NONE'] };
  }
  const out: EngineHealthConfig = {};
  const test =
    typeof healthcheck.test === 'string' ? ['CMD-SHELL', healthcheck.test] : (healthcheck.test ?? []);
  // An empty list inherits the image's test, as docker sends no Test for it.
  if (test.length > 0) out.Test = [...test];
  const durations = [
    ['interval', 'Interval'],
    ['timeout', 'Timeout'],
    ['start_period', 'StartPeriod'],
    ['start_interval', 'StartInterval'],
  ] as const;
  for (const [key, field] of durations) {
    const text = healthcheck[key];
    if (text === undefined) continue;
    const ns = parseDuration(text);
    if (ns === undefined) ctx.issues.add(joinPath(path, key), `invalid duration "${text}"`);
    else if (ns !== 0) out[field] = ns;
  }
  if (healthcheck.retries !== undefined) {
    if (!Number.isInteger(healthcheck.retries) || healthcheck.retries < 0) {
      ctx.issues.add(joinPath(path, 'retries'), 'expected a non-negative integer');
    } else if (healthcheck.retries !== 0) {
      out.Retries = healthcheck.retries;
    }
  }
  return out;
}

/**
 * The healthcheck timings the engine sizes its monitor period with, docker's defaults filled in;
 * null when the compose file declares no healthcheck or disables it (an image's own HEALTHCHECK is
 * not known to the converter).
 */
export function desiredHealthcheck(config: EngineHealthConfig | undefined): DesiredHealthcheck | null {
  if (config === undefined) return null;
  if (config.Test?.[0] === 'NONE') return null;
  return {
    intervalNs: config.Interval ?? DEFAULT_INTERVAL_NS,
    timeoutNs: config.Timeout ?? DEFAULT_TIMEOUT_NS,
    retries: config.Retries ?? DEFAULT_RETRIES,
    startPeriodNs: config.StartPeriod ?? 0,
    startIntervalNs: config.StartInterval ?? DEFAULT_START_INTERVAL_NS,
  };
}
