/** Options of {@link createGroupCommit}. */
export interface GroupCommitOptions<T> {
  /** Writes one batch durably (one transaction); resolves when it committed. */
  write: (items: T[]) => Promise<void>;
  /** Most items in one batch; more wait for the next one. Default 128. */
  maxBatch?: number;
  /** Called after each batch settles, with its size and whether it committed (for metrics and tests). */
  onBatch?: (size: number, committed: boolean) => void;
}

/** See {@link createGroupCommit}. */
export interface GroupCommit<T> {
  /** Queues `item`; resolves when the batch holding it committed, rejects with that batch's error. */
  submit(item: T): Promise<void>;
  /** Resolves once everything submitted so far has settled. */
  drain(): Promise<void>;
}

interface Pending<T> {
  item: T;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Group commit: many concurrent callers share one write. One batch is in flight at a time; items
 * submitted meanwhile queue up and go together in the next batch, started as soon as the previous
 * one settles. An idle writer starts a batch on the next turn of the event loop (`setImmediate`),
 * so callers in the same tick share it and a lone caller waits no timer. Every caller learns the
 * fate of its own batch: all resolve when it commits, all reject with its error when it fails.
 * Nothing is dropped or retried silently.
 */
export function createGroupCommit<T>(options: GroupCommitOptions<T>): GroupCommit<T> {
  const { write, maxBatch = 128, onBatch } = options;
  let queue: Pending<T>[] = [];
  let running = false;
  let scheduled = false;
  let idle: Promise<void> = Promise.resolve();
  let settleIdle: (() => void) | undefined;

  function schedule(): void {
    if (running || scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  }

  async function flush(): Promise<void> {
    if (running || queue.length === 0) return;
    running = true;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    let committed = false;
    try {
      await write(batch.map((p) => p.item));
      committed = true;
      for (const p of batch) p.resolve();
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      running = false;
      onBatch?.(batch.length, committed);
      if (queue.length > 0) void flush();
      else settleIdle?.();
    }
  }

  return {
    submit(item) {
      if (!running && queue.length === 0) {
        idle = new Promise<void>((r) => (settleIdle = r));
      }
      const done = new Promise<void>((resolve, reject) => queue.push({ item, resolve, reject }));
      if (queue.length >= maxBatch) void flush();
      schedule();
      return done;
    },
    drain() {
      return running || queue.length > 0 ? idle : Promise.resolve();
    },
  };
}
