import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { parseDockerEvent, type DockerEvent } from './docker-event.js';
import { EventDeduper } from './event-dedupe.js';
import { resumeSince, toNanos } from './event-since.js';
import { NdjsonLineSplitter } from './ndjson-lines.js';

/** Options of {@link watchDockerEvents}. */
export interface WatchDockerEventsOptions {
  docker: Docker;
  /** Engine API event filters, e.g. `{ type: ['service', 'node'] }`. */
  filters?: Record<string, string[]>;
  /** Deliver events from this time on (replayed from the engine's buffer); default: from now. */
  since?: Date | bigint;
  /** Called once per event, in stream order; a repeat at a reconnect boundary is dropped. */
  onEvent: (event: DockerEvent) => void;
  /**
   * Called when a connection fails or ends, including the idle recycle caused by the client's
   * `timeoutMs` on a quiet stream; the watcher reconnects afterwards either way.
   */
  onError?: (error: unknown) => void;
  /** Called each time the stream is (re)connected, with the `since` it resumed from. */
  onConnect?: (info: { since: string | undefined; attempt: number }) => void;
  /** Stops the watcher when aborted. */
  signal?: AbortSignal;
  /** Pause before reconnecting, in milliseconds (default 1000). */
  reconnectDelayMs?: number;
  /** Clock in milliseconds, injectable for tests (default `Date.now`). */
  now?: () => number;
}

/** Handle returned by {@link watchDockerEvents}. */
export interface DockerEventWatch {
  /** Nanoseconds since the epoch of the newest delivered event, if any. */
  readonly lastSeen: bigint | undefined;
  /** How many times the stream has been (re)connected. */
  readonly connections: number;
  /** How many events were dropped as repeats of an already delivered one. */
  readonly duplicates: number;
  /**
   * Drops the current HTTP stream as a network failure would; the watcher reconnects with
   * `since` = {@link lastSeen}. For tests and for recycling a connection.
   */
  interrupt(): void;
  /** Stops watching; resolves once the stream is closed. */
  stop(): Promise<void>;
}

/**
 * Follows the Engine API event stream and never misses an event across reconnects: it parses
 * newline-delimited JSON across chunk boundaries, remembers the time of the last event, and after
 * the stream ends or fails reconnects with `since` = that time, dropping the events the engine
 * sends again at the boundary (same timeNano, type, id and action).
 *
 * Limits: the engine replays from an in-memory buffer of its last 256 events, so a gap longer
 * than that loses events (a full reconcile covers it); on a fresh watch without `since` the local
 * clock marks the start, so keep the engine's clock in sync.
 *
 * @example
 * const watch = watchDockerEvents({ docker, filters: { type: ['service'] }, onEvent: (e) => log.info(e), signal });
 */
export function watchDockerEvents(options: WatchDockerEventsOptions): DockerEventWatch {
  const { docker, filters, onEvent, onError, onConnect, signal } = options;
  const reconnectDelayMs = options.reconnectDelayMs ?? 1000;
  const now = options.now ?? Date.now;
  const stopController = new AbortController();
  const deduper = new EventDeduper();
  let startedAt = options.since instanceof Date ? toNanos(options.since) : options.since;
  let lastSeen: bigint | undefined;
  let connections = 0;
  let duplicates = 0;
  let current: Readable | undefined;

  const stopNow = (): void => {
    stopController.abort();
    current?.destroy();
  };
  if (signal?.aborted) stopNow();
  signal?.addEventListener('abort', stopNow, { once: true });

  const deliver = (line: string): void => {
    const event = parseDockerEvent(line);
    if (event === undefined) return;
    if (!deduper.firstSighting(event)) {
      duplicates += 1;
      return;
    }
    if (lastSeen === undefined || event.timeNano > lastSeen) lastSeen = event.timeNano;
    onEvent(event);
  };

  const connectOnce = async (): Promise<void> => {
    const since = resumeSince({ lastSeen, startedAt });
    const query: Record<string, unknown> = { abortSignal: stopController.signal };
    if (filters !== undefined) query.filters = filters;
    if (since !== undefined) query.since = since;
    startedAt ??= toNanos(now());
    const stream = (await docker.getEvents(query)) as unknown as Readable;
    if (stopController.signal.aborted) {
      stream.destroy();
      return;
    }
    current = stream;
    connections += 1;
    onConnect?.({ since, attempt: connections });
    await consume(stream, deliver);
  };

  const loop = async (): Promise<void> => {
    while (!stopController.signal.aborted) {
      try {
        await connectOnce();
      } catch (error) {
        if (!stopController.signal.aborted) onError?.(error);
      } finally {
        current = undefined;
      }
      if (stopController.signal.aborted) break;
      await sleep(reconnectDelayMs, stopController.signal);
    }
  };
  const done = loop();

  return {
    get lastSeen() {
      return lastSeen;
    },
    get connections() {
      return connections;
    },
    get duplicates() {
      return duplicates;
    },
    interrupt() {
      current?.destroy(new Error('event stream interrupted'));
    },
    async stop() {
      signal?.removeEventListener('abort', stopNow);
      stopNow();
      await done;
    },
  };
}

/** Reads a stream to its end, delivering each complete line; rejects if it fails mid-way. */
function consume(stream: Readable, deliver: (line: string) => void): Promise<void> {
  const splitter = new NdjsonLineSplitter();
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      if (error !== undefined) return reject(error);
      splitter.flush().forEach(deliver);
      resolve();
    };
    stream.on('data', (chunk: Buffer | string) => splitter.push(chunk).forEach(deliver));
    stream.once('end', () => finish());
    stream.once('error', (error: Error) => finish(error));
    stream.once('close', () => finish(stream.errored ?? new Error('event stream closed')));
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
