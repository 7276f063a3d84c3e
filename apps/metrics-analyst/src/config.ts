import { z } from 'zod';
import {
  CommonConfigSchema,
  envDurationMs,
  envPort,
  envUrlList,
  envWholeNumber,
  loadConfig as parseEnv,
} from '@swarmops/runtime';
import type { Env } from '@swarmops/runtime';

/** metrics-analyst's environment: the common variables plus Prometheus, the engines it reads and its caps. */
export const ConfigSchema = CommonConfigSchema.extend({
  /** Port of the health, readiness and metrics listener (the exporter is its `/metrics`). */
  HTTP_PORT: envPort().default(7075),
  /** The Prometheus HTTP API the analysis reads. `./swarmops up` starts one on 127.0.0.1:9090. */
  PROMETHEUS_URL: z
    .url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' })
    .default('http://127.0.0.1:9090'),
  /**
   * Extra Docker engines to read container stats from, comma-separated (`tcp://worker-1:2376,...`), one
   * collector each, besides DOCKER_HOST. A swarm manager's API lists every node's tasks but only its own
   * containers' stats: list every node's engine here, or run one metrics-analyst per node.
   */
  METRICS_DOCKER_HOSTS: envUrlList(['unix', 'tcp', 'http', 'https']).optional(),
  /** How long one exporter collection is reused: a scrape never costs more than one collection per window. */
  METRICS_CACHE_MS: envDurationMs().default(15_000),
  /**
   * How many container stats requests one engine's collector runs at once. Docker answers a stats request on
   * its one-second stats tick, so a collection takes about (containers on the engine ÷ this) seconds.
   */
  METRICS_STATS_CONCURRENCY: envWholeNumber('requests', { min: 1, max: 128 }).default(32),
  /**
   * How long a scrape waits for a new collection when the previous one can be served instead: a scrape
   * never takes much longer than this, and a slow collection's values reach the next scrape.
   */
  METRICS_SCRAPE_WAIT_MS: envDurationMs().default(5_000),
  /** Milliseconds any one Docker Engine API call may take. */
  METRICS_DOCKER_TIMEOUT_MS: envWholeNumber('milliseconds', { min: 1, max: 600_000 }).default(10_000),
  /** Milliseconds one Prometheus query may take before the tool answers TIMEOUT/UNAVAILABLE. */
  METRICS_QUERY_TIMEOUT_MS: envWholeNumber('milliseconds', { min: 1, max: 600_000 }).default(10_000),
  /** query_metrics caps: series and points (over all series) returned; the rest is cut and flagged. */
  METRICS_MAX_SERIES: envWholeNumber('series', { min: 1, max: 10_000 }).default(200),
  METRICS_MAX_POINTS: envWholeNumber('points', { min: 1, max: 1_000_000 }).default(11_000),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Parses metrics-analyst's config from `env`; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Env = process.env): Config {
  return parseEnv(ConfigSchema, env);
}
