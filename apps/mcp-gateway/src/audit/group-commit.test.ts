import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.js';

/** A writer whose batches settle when the test says so. */
function controlledWriter() {
  const batches: { items: number[]; commit(): void; fail(err: Error): void }[] = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => batches.push({ items, commit: resolve, fail: reject }));
  return { batches, write };
}

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('group commit', () => {
  it('writes callers of the same tick in one batch and resolves each after it commits', async () => {
    const w = controlledWriter();
    const gc = createGroupCommit({ write: w.write });
    let settled = 0;
    const calls = [1, 2, 3, 4].map((i) => gc.submit(i).then(() => settled++));
    await turn();
    expect(w.batches.map((b) => b.items)).toEqual([[1, 2, 3, 4]]);
    expect(settled).toBe(0);
    w.batches[0]?.commit();
    await Promise.all(calls);
    expect(settled).toBe(4);
  });

  it('queues items submitted while a batch is in flight into the next batch', async () => {
    const w = controlledWriter();
    const sizes: number[] = [];
    const gc = createGroupCommit({ write: w.write, onBatch: (n) => sizes.push(n) });
    const first = gc.submit(1);
    await turn();
    const later = [2, 3].map((i) => gc.submit(i));
    await turn();
    expect(w.batches).toHaveLength(1);
    w.batches[0]?.commit();
    await first;
    await turn();
    expect(w.batches[1]?.items).toEqual([2, 3]);
    w.batches[1]?.commit();
    await Promise.all(later);
    expect(sizes).toEqual([1, 2]);
  });

  it('rejects every caller of a failed batch with its error, and later batches still commit', async () => {
    const w = controlledWriter();
    const outcomes: boolean[] = [];
    const gc = createGroupCommit({ write: w.write, onBatch: (_, ok) => outcomes.push(ok) });
    const failed = [1, 2, 3].map((i) => gc.submit(i));
    await turn();
    const boom = new Error('disk full');
    w.batches[0]?.fail(boom);
    for (const call of failed) await expect(call).rejects.toBe(boom);
    const next = gc.submit(4);
    await turn();
    w.batches[1]?.commit();
    await expect(next).resolves.toBeUndefined();
    expect(outcomes).toEqual([false, true]);
  });

  it('never puts more than maxBatch items in one batch', async () => {
    const written: number[][] = [];
    const gc = createGroupCommit({
      write: (items: number[]) => {
        written.push(items);
        return Promise.resolve();
      },
      maxBatch: 2,
    });
    await Promise.all([1, 2, 3, 4, 5].map((i) => gc.submit(i)));
    expect(written).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('drain waits for everything submitted', async () => {
    const w = controlledWriter();
    const gc = createGroupCommit({ write: w.write });
    await gc.drain();
    void gc.submit(1);
    let drained = false;
    const d = gc.drain().then(() => (drained = true));
    await turn();
    expect(drained).toBe(false);
    w.batches[0]?.commit();
    await d;
    expect(drained).toBe(true);
  });
});
