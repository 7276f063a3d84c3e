import { createHash } from 'node:crypto';

/** A copy of `value` whose plain objects have their keys sorted, recursively; arrays keep their order. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      // Dropped like JSON.stringify would, so the sorted copy serializes the same way.
      if (item !== undefined) sorted[key] = sortKeys(item);
    }
    return sorted;
  }
  return value;
}

/**
 * Pretty-printed JSON with sorted keys and a final newline: the same value always gives the same bytes, so
 * two backups of an unchanged cluster hold identical parts (and identical checksums).
 */
export function canonicalJson(value: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(sortKeys(value), null, 2)}\n`, 'utf8');
}

/** Lowercase hex sha256 of `bytes`. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
