import { Cron } from 'croner';

/** BACKUP_SCHEDULE is not a cron expression croner accepts. */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
}

/** A parsed cron expression: 5 fields (minute precision) or 6 (with seconds first), evaluated in UTC. */
export interface Schedule {
  expr: string;
  /** The first run strictly after `from`, or null when the expression never fires again. */
  nextRun(from: Date): Date | null;
}

/**
 * Parses a BACKUP_SCHEDULE cron expression with croner (also `@daily`, `@hourly`...). Throws a
 * {@link ScheduleError} naming BACKUP_SCHEDULE when it is not valid.
 *
 * @example
 * parseSchedule('0 3 * * *').nextRun(new Date('2026-11-27T22:00:00Z')) // 2026-11-28T03:00:00Z
 */
export function parseSchedule(expr: string): Schedule {
  let cron: Cron;
  try {
    // Paused and without a callback, croner only parses: it starts no timer.
    cron = new Cron(expr.trim(), { paused: true, timezone: 'UTC', mode: '5-or-6-parts' });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScheduleError(
      `BACKUP_SCHEDULE "${expr}" is not a valid cron expression (5 or 6 fields, UTC): ${reason}`,
      {
        cause: error,
      },
    );
  }
  return { expr, nextRun: (from) => cron.nextRun(from) };
}

/** The first run of `expr` strictly after `from`; see {@link parseSchedule}. */
export function nextRun(expr: string, from: Date): Date | null {
  return parseSchedule(expr).nextRun(from);
}

/** Arms a one-shot timer; returns a function that cancels it. */
export type SetTimer = (delayMs: number, fire: () => void) => () => void;

/** {@link SetTimer} with Node's setTimeout. */
export const nodeSetTimer: SetTimer = (delayMs, fire) => {
  const handle = setTimeout(fire, delayMs);
  return () => clearTimeout(handle);
};

export interface SchedulerOptions {
  expr: string;
  now: () => Date;
  setTimer: SetTimer;
  /** One scheduled backup. The next run is armed only after it settles, so runs never overlap. */
  run: (scheduledAt: Date) => Promise<void>;
  /** Called with whatever `run` threw; the schedule keeps going. */
  onError?: (error: unknown) => void;
}

export interface Scheduler {
  /** When the next run is due, or null once stopped or when the expression never fires again. */
  nextAt(): Date | null;
  /** Cancels the armed timer; a run in progress finishes but arms nothing. */
  stop(): void;
}

/** setTimeout cannot wait longer than this (about 24.8 days); longer waits re-arm on wake. */
const MAX_DELAY_MS = 2_147_483_647;

/**
 * Runs `run` at every time `expr` names, with an injected clock and timer. A run that takes longer than the
 * interval skips the runs it overlapped (the next one is computed from the time it finished). A timer that
 * fires early (or a wait longer than setTimeout allows) re-arms for the rest.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  const schedule = parseSchedule(options.expr);
  let next: Date | null = null;
  let cancel: (() => void) | null = null;
  let stopped = false;

  const arm = (from: Date) => {
    next = schedule.nextRun(from);
    wait();
  };
  const wait = () => {
    if (stopped || next === null) return;
    const delay = Math.min(Math.max(next.getTime() - options.now().getTime(), 0), MAX_DELAY_MS);
    cancel = options.setTimer(delay, fire);
  };
  const fire = () => {
    cancel = null;
    if (stopped || next === null) return;
    const due = next;
    if (options.now().getTime() < due.getTime()) return wait();
    Promise.resolve()
      .then(() => options.run(due))
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => arm(options.now() > due ? options.now() : due));
  };

  arm(options.now());
  return {
    nextAt: () => (stopped ? null : next),
    stop: () => {
      stopped = true;
      cancel?.();
      cancel = null;
    },
  };
}
