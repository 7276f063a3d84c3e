import type { Snapshot } from './entry.js';

/**
 * Guards against a slow reader: a stored row written after `observedAt` (the time the Docker read
 * began) came from a newer read, perhaps by another inventory process, so this observation must
 * neither overwrite nor delete it. Such rows are put back into `next` as stored. Returns `next`.
 */
export function preferFresher(stored: Snapshot, next: Snapshot, observedAt: number): Snapshot {
  for (const [kind, entries] of Object.entries(next) as [keyof Snapshot, Snapshot[keyof Snapshot]][]) {
    const before = stored[kind];
    if (before === undefined || entries === undefined) continue;
    for (const [id, entry] of before) {
      if (entry.writtenAt !== undefined && entry.writtenAt > observedAt) entries.set(id, entry);
    }
  }
  return next;
}
