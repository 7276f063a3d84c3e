/** Reuses one collection for `cacheMs` from its start and shares the one in flight. */
export interface CollectionCache {
  /** Resolves once a collection started less than `cacheMs` ago has finished (starting one if needed). */
  fresh(): Promise<void>;
  /** The collection in flight, if any (for stop). */
  inFlight(): Promise<void> | undefined;
}

export function createCollectionCache(
  run: () => Promise<void>,
  { cacheMs, now }: { cacheMs: number; now: () => Date },
): CollectionCache {
  let running: Promise<void> | undefined;
  let startedAt: number | undefined;
  return {
    fresh() {
      if (running !== undefined) return running;
      const at = now().getTime();
      if (startedAt !== undefined && at - startedAt < cacheMs) return Promise.resolve();
      startedAt = at;
      running = run()
        .catch(() => undefined)
        .finally(() => {
          running = undefined;
        });
      return running;
    },
    inFlight: () => running,
  };
}
