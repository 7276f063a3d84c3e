const NS_PER_S = 1_000_000_000n;

/**
 * Formats nanoseconds since the epoch as the Engine API `since`/`until` timestamp
 * `seconds.nanoseconds` (nine digits), which the engine reads without rounding.
 *
 * @example toDockerTimestamp(1700000000123456789n) // '1700000000.123456789'
 */
export function toDockerTimestamp(nanos: bigint): string {
  if (nanos < 0n) throw new RangeError(`timestamp before the epoch: ${nanos}`);
  return `${nanos / NS_PER_S}.${(nanos % NS_PER_S).toString().padStart(9, '0')}`;
}

/** Milliseconds (e.g. `Date.now()`) or a Date as nanoseconds since the epoch. */
export function toNanos(time: Date | number): bigint {
  const ms = typeof time === 'number' ? time : time.getTime();
  return BigInt(Math.trunc(ms)) * 1_000_000n;
}

/**
 * Where a (re)connection of the events stream must start so nothing is missed: the last
 * delivered event's time if any; otherwise the time the watch began (or the caller's `since`).
 * `undefined` means "live only" and is returned only for the very first connection without `since`.
 */
export function resumeSince(state: { lastSeen?: bigint; startedAt?: bigint }): string | undefined {
  const from = state.lastSeen ?? state.startedAt;
  return from === undefined ? undefined : toDockerTimestamp(from);
}
