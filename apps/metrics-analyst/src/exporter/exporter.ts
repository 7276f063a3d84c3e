import type Docker from 'dockerode';
import type { Registry } from 'prom-client';
import { createCollectionCache } from './collection-cache.js';
import { createEngineCollector } from './engine-collector.js';
import { defaultStatFs } from './engine-filesystem.js';
import type { StatFs } from './engine-filesystem.js';
import { defineExporterMetrics } from './exporter-metrics.js';
import { publishSnapshot } from './publish-snapshot.js';
import { createRestartTracker } from './restart-tracker.js';
import { SWARM_PART } from './snapshot.js';
import type { EnginePart, ExporterSnapshot, SwarmPart } from './snapshot.js';
import { collectSwarm } from './swarm-collector.js';

/** An engine to read container stats from. */
export interface ExporterEngine {
  /** Its label until its `info()` answers (then its node hostname): the configured address, e.g. `tcp://w1:2376`. */
  readonly name: string;
  readonly docker: Docker;
}

export interface ExporterOptions {
  /** A swarm manager: the node, service and task lists. */
  readonly cluster: Docker;
  /** One stats collector each (the manager's own engine included when it runs tasks). */
  readonly engines: readonly ExporterEngine[];
  /** Where the metrics are registered; `/metrics` serving it triggers the collections. */
  readonly registry: Registry;
  /** How long one collection is reused, from its start (METRICS_CACHE_MS). */
  readonly cacheMs: number;
  /** Stats calls in flight per engine (METRICS_STATS_CONCURRENCY). */
  readonly statsConcurrency: number;
  /**
   * How long a scrape waits for a new collection when an older one can be served (METRICS_SCRAPE_WAIT_MS):
   * a slow engine never makes a scrape slower than this; its values reach the next scrape.
   */
  readonly scrapeWaitMs?: number;
  readonly now?: () => Date;
  /** `fs.statfs`, for tests. */
  readonly statfs?: StatFs;
}

export interface Exporter {
  /** Makes the series fresh: reuses a collection younger than cacheMs or the one in flight. Never rejects. */
  collect(): Promise<void>;
  /** The latest collection, undefined before the first. */
  snapshot(): ExporterSnapshot | undefined;
  /** Waits for the collection in flight; later collect() calls do nothing (the last series stay). */
  stop(): Promise<void>;
}

/**
 * The swarm exporter: registers every MetricNames metric on `registry` as collect()-backed series, so each
 * scrape of `/metrics` costs at most one collection per `cacheMs`. A collection reads the swarm from
 * `cluster` (one node, service and task list) and each engine's container stats in parallel. A part that
 * fails (an engine unreachable, the cluster engine not a manager) reports `swarm_exporter_engine_up 0`, adds
 * to `swarm_exporter_collect_errors_total` and leaves its series out; the scrape itself never fails.
 */
export function createExporter(options: ExporterOptions): Exporter {
  const now = options.now ?? (() => new Date());
  const statfs = options.statfs ?? defaultStatFs;
  const restarts = createRestartTracker();
  const engines = options.engines.map(({ name, docker }) =>
    createEngineCollector({ name, docker, statsConcurrency: options.statsConcurrency, statfs }),
  );
  let latest: ExporterSnapshot | undefined;
  let knownServices: ReadonlySet<string> | undefined;
  let stopped = false;

  const timed = async <T>(work: () => Promise<T>) => {
    const start = now().getTime();
    try {
      return { ok: true as const, value: await work(), seconds: (now().getTime() - start) / 1000 };
    } catch (error) {
      return { ok: false as const, error: describe(error), seconds: (now().getTime() - start) / 1000 };
    }
  };

  const readSwarm = async (): Promise<SwarmPart> => {
    const result = await timed(() => collectSwarm(options.cluster));
    const base = { engine: SWARM_PART, durationSeconds: result.seconds };
    if (!result.ok) return { ...base, up: false, error: result.error, errors: 1, nodes: [], services: [] };
    const counts = restarts.observe(result.value.services);
    const services = result.value.services.map((s) => ({ ...s, restarts: counts.get(s.serviceId) ?? 0 }));
    knownServices = new Set(services.map((s) => s.service));
    return { ...base, up: true, errors: 0, nodes: result.value.nodes, services };
  };

  const run = async (): Promise<void> => {
    const start = now();
    const swarm = readSwarm();
    // Usage of a service without containers is kept while the swarm still lists it (this collection's list,
    // or the last one that answered).
    const keep = swarm.then(() => {
      const names = knownServices;
      return (service: string) => names?.has(service) === true;
    });
    const parts = await Promise.all(
      engines.map(async (engine): Promise<EnginePart> => {
        const result = await timed(() => engine.collect(keep));
        const base = { engine: engine.name(), durationSeconds: result.seconds };
        if (!result.ok)
          return { ...base, up: false, error: result.error, errors: 1, usage: [], filesystem: undefined };
        const { usage, filesystem, statsErrors } = result.value;
        return { ...base, up: true, errors: statsErrors, usage, filesystem };
      }),
    );
    const snapshot: ExporterSnapshot = {
      collectedAt: start,
      durationSeconds: (now().getTime() - start.getTime()) / 1000,
      swarm: await swarm,
      engines: parts,
    };
    publishSnapshot(metrics, snapshot);
    latest = snapshot;
  };

  const cache = createCollectionCache(run, {
    cacheMs: options.cacheMs,
    maxWaitMs: options.scrapeWaitMs ?? 5_000,
    now,
  });
  const collect = () => (stopped ? Promise.resolve() : cache.fresh());
  const metrics = defineExporterMetrics(options.registry, collect);

  return {
    collect,
    snapshot: () => latest,
    async stop() {
      stopped = true;
      await cache.inFlight();
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
