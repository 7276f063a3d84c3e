import type { Logger } from './logger.js';

/** Releases one resource: `() => nc.drain()`, `() => pool.end()`, `() => server.close()`. */
export type Closer = () => Promise<void> | void;

/** What a shutdown did, by closer name. */
export interface ShutdownReport {
  /** Why it ran, e.g. `SIGTERM`. */
  reason: string;
  /** Closers that finished. */
  closed: string[];
  /** Closers that threw (each is logged with its error). */
  failed: string[];
  /** Closers still running, or never started, when the deadline passed. */
  unfinished: string[];
  /** Whether the deadline passed before every closer settled. */
  timedOut: boolean;
}

/** Options of {@link createShutdown}. */
export interface ShutdownOptions {
  logger: Logger;
  /** Bound on the whole shutdown, in milliseconds. */
  deadlineMs?: number;
  /** Called by {@link Shutdown.onSignals} once the shutdown settles; `process.exit` by default. */
  exit?: (code: number) => void;
}

/** A graceful shutdown: register closers as resources open, run them once on the way out. */
export interface Shutdown {
  /** Register a closer; they run in reverse order of registration (last opened, first closed). */
  add(name: string, close: Closer): void;
  /** Run every closer, each awaited, within the deadline. Idempotent: later calls get the first run's report. */
  run(reason: string): Promise<ShutdownReport>;
  /**
   * On the first SIGTERM or SIGINT, run and then exit (0 when everything closed, else 1); a second
   * signal exits at once with 1. Returns a function that removes the listeners.
   */
  onSignals(signals?: readonly NodeJS.Signals[]): () => void;
}

/**
 * Create the service's graceful shutdown. Register what `main` opens, in order: tracing, NATS,
 * the pool, the HTTP server; they close HTTP first and tracing last.
 *
 * @example
 * ```ts
 * const shutdown = createShutdown({ logger });
 * shutdown.add('nats', () => nc.drain());
 * shutdown.add('postgres', () => pool.end());
 * shutdown.onSignals();
 * ```
 */
export function createShutdown({
  logger,
  deadlineMs = 10_000,
  exit = (code) => process.exit(code),
}: ShutdownOptions): Shutdown {
  const closers: { name: string; close: Closer }[] = [];
  let running: Promise<ShutdownReport> | undefined;

  const run = (reason: string): Promise<ShutdownReport> => {
    running ??= closeAll([...closers].reverse(), reason, deadlineMs, logger);
    return running;
  };

  return {
    add: (name, close) => {
      closers.push({ name, close });
    },
    run,
    onSignals: (signals = ['SIGTERM', 'SIGINT']) => {
      const onSignal = (signal: NodeJS.Signals) => {
        if (running !== undefined) {
          logger.warn({ signal }, 'second signal during shutdown, exiting now');
          exit(1);
          return;
        }
        void run(signal).then((report) => exit(report.timedOut || report.failed.length > 0 ? 1 : 0));
      };
      for (const signal of signals) process.on(signal, onSignal);
      return () => {
        for (const signal of signals) process.off(signal, onSignal);
      };
    },
  };
}

async function closeAll(
  closers: readonly { name: string; close: Closer }[],
  reason: string,
  deadlineMs: number,
  logger: Logger,
): Promise<ShutdownReport> {
  const closed: string[] = [];
  const failed: string[] = [];
  let timedOut = false;
  const pending = new Set(closers.map((c) => c.name));
  logger.info({ reason, closers: closers.map((c) => c.name), deadlineMs }, 'shutting down');
  const sequence = (async () => {
    for (const { name, close } of closers) {
      if (timedOut) return;
      try {
        await close();
        closed.push(name);
      } catch (err) {
        failed.push(name);
        logger.error({ err, closer: name }, 'closer failed');
      } finally {
        pending.delete(name);
      }
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      resolve();
    }, deadlineMs);
  });
  await Promise.race([sequence, deadline]);
  clearTimeout(timer);
  const report = { reason, closed: [...closed], failed: [...failed], unfinished: [...pending], timedOut };
  if (timedOut)
    logger.error({ reason, unfinished: report.unfinished, deadlineMs }, 'shutdown deadline passed');
  else logger.info({ reason, closed: report.closed, failed: report.failed }, 'shut down');
  return report;
}
