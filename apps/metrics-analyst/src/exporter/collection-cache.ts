/** Reuses one collection for `cacheMs` from its start, shares the one in flight, and bounds how long a scrape waits. */
export interface CollectionCache {
  /**
   * Resolves once a collection started less than `cacheMs` ago has finished (starting one if needed). When an
   * earlier collection has finished, it waits at most `maxWaitMs` for the new one: the scrape then serves the
   * previous values and the new collection finishes in the background for the next scrape.
   */
  fresh(): Promise<void>;
  /** The collection in flight, if any (for stop). */
  inFlight(): Promise<void> | undefined;
}

export interface CollectionCacheOptions {
  readonly cacheMs: number;
  /** How long a scrape waits for a new collection when an older one can be served instead. */
  readonly maxWaitMs: number;
  readonly now: () => Date;
  /** A timer that resolves after `ms` (default setTimeout, unref'd so it never holds the process). */
  readonly sleep?: (ms: number) => Promise<void>;
}

const unrefSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms).unref();
  });

export function createCollectionCache(
  run: () => Promise<void>,
  { cacheMs, maxWaitMs, now, sleep = unrefSleep }: CollectionCacheOptions,
): CollectionCache {
  let running: Promise<void> | undefined;
  let startedAt: number | undefined;
  let finishedOnce = false;
  const bounded = (work: Promise<void>): Promise<void> =>
    finishedOnce ? Promise.race([work, sleep(maxWaitMs)]) : work;
  return {
    fresh() {
      if (running !== undefined) return bounded(running);
      const at = now().getTime();
      if (startedAt !== undefined && at - startedAt < cacheMs) return Promise.resolve();
      startedAt = at;
      const work = run()
        .catch(() => undefined)
        .finally(() => {
          finishedOnce = true;
          running = undefined;
        });
      running = work;
      return bounded(work);
    },
    inFlight: () => running,
  };
}
