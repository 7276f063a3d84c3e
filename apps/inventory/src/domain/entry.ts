import type { InventoryKind } from '@swarmops/contracts';

/** A JSON object as stored in a `doc` column. */
export type Doc = Record<string, unknown>;

/**
 * One stored object: its id, display name and contract document, plus what the row keeps beside
 * the doc (the raw Docker spec of a service, Docker's version index).
 */
export interface Entry {
  id: string;
  name: string;
  doc: Doc;
  /** Services only: the Docker ServiceSpec (compared too, so an env change is an update). */
  spec?: Doc;
  /** Docker's object version index; informational, never compared. */
  version?: number;
  /** When the stored row was last written (ms since the epoch); set on stored entries only. */
  writtenAt?: number;
}

/** Objects per kind, keyed by id. A kind that is absent was not loaded / not observed. */
export type Snapshot = Partial<Record<InventoryKind, Map<string, Entry>>>;

/** Every kind, in the order changes are reported and applied. */
export const KINDS: readonly InventoryKind[] = [
  'node',
  'network',
  'config',
  'secret',
  'service',
  'task',
  'stack',
];

/** Indexes entries by id. */
export function byId(entries: Iterable<Entry>): Map<string, Entry> {
  const map = new Map<string, Entry>();
  for (const entry of entries) map.set(entry.id, entry);
  return map;
}
