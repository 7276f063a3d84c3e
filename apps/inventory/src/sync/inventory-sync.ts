import { performance } from 'node:perf_hooks';
import type Docker from 'dockerode';
import type pg from 'pg';
import { errorMessage, silentLogger } from '@swarmops/bus';
import type { BusLogger } from '@swarmops/bus';
import { toNanos, watchDockerEvents } from '@swarmops/docker';
import type { DockerEventWatch } from '@swarmops/docker';
import { createDockerSource } from '../adapters/docker-source.js';
import type { DockerSource } from '../adapters/docker-source.js';
import { createInventoryWriter } from '../adapters/inventory-writer.js';
import type { ApplyResult, InventoryWriter } from '../adapters/inventory-writer.js';
import type { InventoryMetrics, ReconcileKind } from '../metrics.js';
import { readObservation } from './read-observation.js';
import { createWorkQueue } from './work-queue.js';
import { WATCHED_EVENT_TYPES, emptyWork, mergeWork, work, workForEvent } from './work.js';
import type { Work } from './work.js';

/** Options of {@link createInventorySync}. */
export interface InventorySyncOptions {
  /** A client of a swarm manager. */
  docker: Docker;
  pool: pg.Pool;
  logger?: BusLogger;
  metrics?: InventoryMetrics;
  /** Seconds between full reconciles (default 30). */
  resyncSeconds?: number;
  /** Seconds between task polls (default 2). */
  taskPollSeconds?: number;
  /** Milliseconds a burst of Docker events is gathered before one targeted refresh (default 100). */
  debounceMs?: number;
  now?: () => Date;
  /** Overrides for tests: the Docker reads and the database writer. */
  source?: DockerSource;
  writer?: InventoryWriter;
}

/** What one reconcile did. */
export interface ReconcileResult {
  changes: number;
  events: number;
  durationMs: number;
}

/** Keeps PostgreSQL equal to Docker and announces every change through the outbox. */
export interface InventorySync {
  /** First full reconcile (rejects if it fails), then the event watcher, periodic resync and task poll. */
  start(): Promise<void>;
  /** A full reconcile now; concurrent calls never overlap (they coalesce into one follow-up). */
  reconcileNow(): Promise<ReconcileResult>;
  /** Stops the watcher and timers, then waits for the run in progress. */
  stop(): Promise<void>;
  /** The swarm id, known once `start` (or a reconcile) has read it. */
  readonly clusterId: string | undefined;
}

/**
 * Creates the write side of inventory. Every run reads Docker, then diffs and writes inside one
 * transaction that holds the cluster's lock, so reconciles here and in another process never
 * announce a change twice. Errors are logged and retried at the next tick; the loops never stop.
 */
export function createInventorySync(options: InventorySyncOptions): InventorySync {
  const { docker, pool, metrics } = options;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const source = options.source ?? createDockerSource(docker);
  const writer = options.writer ?? createInventoryWriter({ pool, now });
  const debounceMs = options.debounceMs ?? 100;
  let clusterId: string | undefined;
  let stopped = false;
  let watch: DockerEventWatch | undefined;
  const timers = new Set<NodeJS.Timeout>();

  const queue = createWorkQueue(async (w: Work): Promise<ReconcileResult> => {
    const kind: ReconcileKind = w.full ? 'full' : w.services.size > 0 || !w.tasks ? 'targeted' : 'tasks';
    const started = performance.now();
    const startedAt = now();
    try {
      clusterId ??= (await source.swarm()).ID;
      const observation = await readObservation(source, w);
      const input = {
        clusterId,
        observation,
        observedAt: startedAt,
        ...(w.eventsSince === undefined ? {} : { eventsSince: w.eventsSince }),
      };
      const result = await writer.apply(w.full ? { ...input, reconcileStartedAt: startedAt } : input);
      return record(kind, started, result);
    } catch (error) {
      metrics?.reconcileDuration.observe({ kind, outcome: 'error' }, (performance.now() - started) / 1000);
      throw error;
    }
  });

  function record(kind: ReconcileKind, started: number, result: ApplyResult): ReconcileResult {
    const durationMs = performance.now() - started;
    metrics?.reconcileDuration.observe({ kind, outcome: 'ok' }, durationMs / 1000);
    metrics?.setObjects(result.counts);
    if (result.changes.length > 0) metrics?.changeApplied(now());
    if (result.events.length > 0 || kind === 'full') {
      logger.debug(
        { kind, changes: result.changes.length, events: result.events.length, durationMs },
        'inventory reconciled',
      );
    }
    return { changes: result.changes.length, events: result.events.length, durationMs };
  }

  const run = (w: Work, what: string): void => {
    queue
      .request(w)
      .catch((error: unknown) =>
        logger.warn(
          { what, err: errorMessage(error) },
          'inventory refresh failed; retrying at the next tick',
        ),
      );
  };

  function every(seconds: number, make: () => Work, what: string): void {
    const tick = (): void => {
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (stopped) return;
        queue
          .request(make())
          .catch((error: unknown) =>
            logger.warn(
              { what, err: errorMessage(error) },
              'inventory refresh failed; retrying at the next tick',
            ),
          )
          .finally(tick);
      }, seconds * 1000);
      timers.add(timer);
    };
    tick();
  }

  let burst = emptyWork();
  let burstTimer: NodeJS.Timeout | undefined;
  const onEvent = (event: Parameters<typeof workForEvent>[0]): void => {
    metrics?.dockerEvents.inc({ type: event.Type });
    const w = workForEvent(event);
    if (w === undefined || stopped) return;
    burst = mergeWork(burst, w);
    burstTimer ??= setTimeout(() => {
      burstTimer = undefined;
      const batch = burst;
      burst = emptyWork();
      run(batch, 'docker events');
    }, debounceMs);
  };

  return {
    get clusterId() {
      return clusterId;
    },
    reconcileNow: () => queue.request(work({ full: true })),
    async start() {
      const watchFrom = now();
      clusterId = (await source.swarm()).ID;
      const state = await writer.readState(clusterId);
      if (state.lastChangeAt) metrics?.changeApplied(state.lastChangeAt);
      const first = await queue.request(work({ full: true }));
      logger.info({ clusterId, ...first }, 'inventory first reconcile done');
      if (stopped) return;
      watch = watchDockerEvents({
        docker,
        filters: { type: [...WATCHED_EVENT_TYPES] },
        since: state.eventsSince ?? toNanos(watchFrom),
        onEvent,
        onError: (error) => logger.debug({ err: errorMessage(error) }, 'docker event stream ended; resuming'),
        onConnect: (info) => logger.debug(info, 'docker event stream connected'),
      });
      every(options.resyncSeconds ?? 30, () => work({ full: true }), 'resync');
      every(options.taskPollSeconds ?? 2, () => work({ tasks: true }), 'task poll');
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (burstTimer) clearTimeout(burstTimer);
      await watch?.stop();
      await queue.idle();
    },
  };
}
