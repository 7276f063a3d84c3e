import { eventKey, type DockerEvent } from './docker-event.js';

/**
 * Remembers recently delivered events so the overlap replayed after a reconnect (`since` is
 * inclusive: the engine resends events at exactly the last seen time) is delivered only once.
 * Keys older than `windowNs` behind the newest event are forgotten; memory stays bounded.
 */
export class EventDeduper {
  readonly #windowNs: bigint;
  readonly #seen = new Map<string, bigint>();
  #newest: bigint | undefined;

  /** @param windowNs how far behind the newest event duplicates are still recognised (default 5 s). */
  constructor(windowNs = 5_000_000_000n) {
    this.#windowNs = windowNs;
  }

  /** True the first time an event is offered, false for a repeat within the window. */
  firstSighting(event: DockerEvent): boolean {
    const key = eventKey(event);
    if (this.#seen.has(key)) return false;
    this.#seen.set(key, event.timeNano);
    if (this.#newest === undefined || event.timeNano > this.#newest) {
      this.#newest = event.timeNano;
      this.#prune();
    }
    return true;
  }

  /** Number of keys currently remembered. */
  get size(): number {
    return this.#seen.size;
  }

  #prune(): void {
    if (this.#newest === undefined) return;
    const cutoff = this.#newest - this.#windowNs;
    for (const [key, time] of this.#seen) if (time < cutoff) this.#seen.delete(key);
  }
}
