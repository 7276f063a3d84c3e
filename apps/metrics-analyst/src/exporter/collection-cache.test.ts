import { describe, expect, it } from 'vitest';
import { createCollectionCache } from './collection-cache.js';

function setup(cacheMs = 1000) {
  let clock = 0;
  let runs = 0;
  let release: () => void = () => undefined;
  const cache = createCollectionCache(
    () => {
      runs += 1;
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    },
    { cacheMs, maxWaitMs: 50, now: () => new Date(clock), sleep: () => new Promise<void>(() => undefined) },
  );
  return {
    cache,
    runs: () => runs,
    release: () => release(),
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('createCollectionCache', () => {
  it('shares the collection in flight between concurrent callers', async () => {
    const t = setup();
    const all = Promise.all([t.cache.fresh(), t.cache.fresh(), t.cache.fresh()]);
    expect(t.runs()).toBe(1);
    t.release();
    await all;
    expect(t.cache.inFlight()).toBeUndefined();
  });

  it('reuses a finished collection within cacheMs of its start, collects again after', async () => {
    const t = setup(1000);
    const first = t.cache.fresh();
    t.release();
    await first;
    t.advance(999);
    await t.cache.fresh();
    expect(t.runs()).toBe(1);
    t.advance(1);
    const second = t.cache.fresh();
    expect(t.runs()).toBe(2);
    t.release();
    await second;
  });

  it('never rejects: a failed collection resolves and the next window tries again', async () => {
    let clock = 0;
    let runs = 0;
    const cache = createCollectionCache(
      () => {
        runs += 1;
        return Promise.reject(new Error('engine gone'));
      },
      { cacheMs: 10, maxWaitMs: 50, now: () => new Date(clock) },
    );
    await expect(cache.fresh()).resolves.toBeUndefined();
    clock = 10;
    await cache.fresh();
    expect(runs).toBe(2);
  });

  it('waits at most maxWaitMs for a new collection once an older one can be served', async () => {
    let clock = 0;
    let runs = 0;
    let release: () => void = () => undefined;
    let wake: () => void = () => undefined;
    const cache = createCollectionCache(
      () => {
        runs += 1;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      {
        cacheMs: 10,
        maxWaitMs: 5,
        now: () => new Date(clock),
        sleep: () =>
          new Promise<void>((resolve) => {
            wake = resolve;
          }),
      },
    );
    // The first collection has nothing older to fall back on: the scrape waits for it.
    let firstDone = false;
    const first = cache.fresh().then(() => {
      firstDone = true;
    });
    wake();
    await Promise.resolve();
    await Promise.resolve();
    expect(firstDone).toBe(false);
    release();
    await first;
    // A later one: the timer ends the wait while the collection is still running.
    clock = 10;
    const second = cache.fresh();
    expect(runs).toBe(2);
    wake();
    await second;
    expect(cache.inFlight()).toBeDefined();
    release();
    await cache.inFlight();
    expect(cache.inFlight()).toBeUndefined();
  });
});
