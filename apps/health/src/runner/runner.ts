import { errorMessage } from '@swarmops/bus';
import type { BusLogger } from '@swarmops/bus';
import type { HealthReport, HealthTrigger } from '@swarmops/contracts';
import type { RunListener, RunOutcome } from '../domain/run-outcome.js';
import type { RunRequest } from './run-health.js';

/** Runs health: on demand, every interval, and shortly after inventory events. */
export interface HealthRunner {
  /** A cluster-wide request joins the next single-flight run; a scoped one runs at once. */
  run(request: RunRequest, trigger: HealthTrigger): Promise<HealthReport>;
  /** Asks for an event-triggered cluster run `eventDelayMs` from now; a burst gives one run. */
  trigger(): void;
  /** Starts the interval timer (first run at once). */
  start(): void;
  /** Stops the timers and waits for the run and listeners in flight. */
  stop(): Promise<void>;
  /** Resolves when the listeners have seen every outcome produced so far. */
  idle(): Promise<void>;
}

/** What the runner drives. */
export interface HealthRunnerDeps {
  /** One run (see `runHealth`). */
  runOnce: (
    request: RunRequest,
    trigger: HealthTrigger,
  ) => Promise<{ report: HealthReport; outcome: RunOutcome | null }>;
  listeners: readonly RunListener[];
  intervalSeconds: number;
  /** Delay between an inventory event and its run (default 1000 ms). */
  eventDelayMs?: number;
  /**
   * One more run this long after an event-triggered run, when set: checks with a grace period (a task pending
   * for 15 s) turn `fail` without any further event, and the interval may be much longer.
   */
  followUpMs?: number;
  /** Called after each interval run (retention pruning); its errors are logged. */
  afterInterval?: () => Promise<void>;
  logger: BusLogger;
}

interface Waiter {
  trigger: HealthTrigger;
  resolve: (report: HealthReport) => void;
  reject: (err: unknown) => void;
}

/**
 * Cluster-wide runs are single flight: while one runs, every request that arrives joins one next run, so
 * transitions are computed once per run and never concurrently. Listeners get each outcome in order, off the
 * caller's path (a slow webhook or a healing action never delays a reply).
 */
export function createHealthRunner(deps: HealthRunnerDeps): HealthRunner {
  const { logger } = deps;
  let waiters: Waiter[] = [];
  let pumping: Promise<void> | null = null;
  let listenerChain: Promise<void> = Promise.resolve();
  let eventTimer: NodeJS.Timeout | null = null;
  let intervalTimer: NodeJS.Timeout | null = null;
  let followUpTimer: NodeJS.Timeout | null = null;
  let stopped = false;

  const pump = async (): Promise<void> => {
    while (waiters.length > 0) {
      const batch = waiters;
      waiters = [];
      const trigger =
        batch.find((w) => w.trigger === 'on-demand')?.trigger ?? batch[0]?.trigger ?? 'interval';
      try {
        const { report, outcome } = await deps.runOnce({ scope: 'cluster' }, trigger);
        if (outcome !== null) notify(outcome);
        for (const w of batch) w.resolve(report);
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    }
  };

  const notify = (outcome: RunOutcome): void => {
    listenerChain = listenerChain.then(async () => {
      for (const listener of deps.listeners) {
        try {
          await listener.afterRun(outcome);
        } catch (err) {
          logger.error({ listener: listener.name, err: errorMessage(err) }, 'run listener failed');
        }
      }
    });
  };

  const runCluster = (trigger: HealthTrigger): Promise<HealthReport> =>
    new Promise<HealthReport>((resolve, reject) => {
      waiters.push({ trigger, resolve, reject });
      kick();
    });

  function kick(): void {
    if (pumping !== null) return;
    pumping = pump().finally(() => {
      pumping = null;
      // A request that arrived after the loop's last check but before this point.
      if (waiters.length > 0) kick();
    });
  }

  const background = (trigger: HealthTrigger, after?: () => Promise<void>): void => {
    void runCluster(trigger)
      .then(async () => {
        await after?.();
      })
      .catch((err: unknown) => logger.warn({ trigger, err: errorMessage(err) }, 'health run failed'));
  };

  const followUp = (): Promise<void> => {
    const { followUpMs } = deps;
    if (stopped || followUpMs === undefined || followUpTimer !== null) return Promise.resolve();
    followUpTimer = setTimeout(() => {
      followUpTimer = null;
      background('event');
    }, followUpMs);
    return Promise.resolve();
  };

  const scheduleInterval = (delayMs: number): void => {
    if (stopped) return;
    intervalTimer = setTimeout(() => {
      background('interval', deps.afterInterval);
      scheduleInterval(deps.intervalSeconds * 1000);
    }, delayMs);
  };

  return {
    async run(request, trigger) {
      if (request.scope === 'cluster') return runCluster(trigger);
      return (await deps.runOnce(request, trigger)).report;
    },
    trigger() {
      if (stopped || eventTimer !== null) return;
      eventTimer = setTimeout(() => {
        eventTimer = null;
        background('event', followUp);
      }, deps.eventDelayMs ?? 1000);
    },
    start() {
      scheduleInterval(0);
    },
    async stop() {
      stopped = true;
      if (eventTimer !== null) clearTimeout(eventTimer);
      if (intervalTimer !== null) clearTimeout(intervalTimer);
      if (followUpTimer !== null) clearTimeout(followUpTimer);
      await pumping;
      await listenerChain;
    },
    idle: () => listenerChain,
  };
}
