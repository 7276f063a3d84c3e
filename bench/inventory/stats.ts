/** The q-quantile (0..1) of samples in milliseconds, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Runs `work` `n` times in sequence after `warmup` unrecorded runs; returns each duration in ms. */
export async function timeRuns(n: number, warmup: number, work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await work();
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

/** `p50 1.23 ms  p99 4.56 ms` of samples. */
export function summary(samples: readonly number[]): { p50: number; p99: number; text: string } {
  const p50 = quantile(samples, 0.5);
  const p99 = quantile(samples, 0.99);
  return { p50, p99, text: `p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms  (n=${samples.length})` };
}
