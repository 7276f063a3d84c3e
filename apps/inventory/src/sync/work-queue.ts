import type { Work } from './work.js';
import { emptyWork, isEmptyWork, mergeWork } from './work.js';

/** Runs work one batch at a time. */
export interface WorkQueue<R> {
  /** Resolves with the result of the run that covered `work` (rejects if that run failed). */
  request(work: Work): Promise<R>;
  /** Resolves when nothing runs or waits. */
  idle(): Promise<void>;
}

interface Waiter<R> {
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * A single-flight queue: never two runs at once; requests made during a run merge into ONE
 * follow-up run, whose result every one of them receives.
 */
export function createWorkQueue<R>(run: (work: Work) => Promise<R>): WorkQueue<R> {
  let pending = emptyWork();
  let hasPending = false;
  let waiters: Waiter<R>[] = [];
  let running: Promise<void> | undefined;

  const drain = async (): Promise<void> => {
    while (hasPending) {
      const batch = pending;
      const batchWaiters = waiters;
      pending = emptyWork();
      hasPending = false;
      waiters = [];
      try {
        const result = await run(batch);
        batchWaiters.forEach((w) => w.resolve(result));
      } catch (error) {
        batchWaiters.forEach((w) => w.reject(error));
      }
    }
    running = undefined;
  };

  return {
    request(work) {
      return new Promise<R>((resolve, reject) => {
        pending = mergeWork(pending, work);
        hasPending = hasPending || !isEmptyWork(work) || work.eventsSince !== undefined;
        waiters.push({ resolve, reject });
        running ??= drain();
      });
    },
    async idle() {
      while (running) await running;
    },
  };
}
