/**
 * One dependency check for `/readyz`: resolves when the dependency answers, rejects (or outlives its
 * timeout) when it does not. It may stop early when `signal` aborts at the timeout.
 *
 * @example `nats: () => nc.rtt().then(() => undefined)`, `postgres: () => pool.query('select 1').then(() => undefined)`
 */
export type ReadinessCheck = (signal: AbortSignal) => Promise<void>;

/** The outcome of one check: `ok`, or `down: <reason>`. */
export type CheckOutcome = 'ok' | `down: ${string}`;

/** The outcome of every check, and whether all of them passed. */
export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, CheckOutcome>;
}

/**
 * Run every named check concurrently, each bounded by `timeoutMs`, and report each outcome.
 * A check that throws or times out is `down` with the reason; it never throws itself.
 */
export async function runReadinessChecks(
  checks: Readonly<Record<string, ReadinessCheck>>,
  timeoutMs: number,
): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await runOne(check, timeoutMs)] as const),
  );
  return { ready: entries.every(([, outcome]) => outcome === 'ok'), checks: Object.fromEntries(entries) };
}

async function runOne(check: ReadinessCheck, timeoutMs: number): Promise<CheckOutcome> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new Error(`timed out after ${timeoutMs}ms`);
      controller.abort(reason);
      reject(reason);
    }, timeoutMs);
  });
  try {
    await Promise.race([Promise.resolve().then(() => check(controller.signal)), timeout]);
    return 'ok';
  } catch (err) {
    return `down: ${err instanceof Error ? err.message || err.name : String(err)}`;
  } finally {
    clearTimeout(timer);
  }
}
