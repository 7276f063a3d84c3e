import type { TokenRecord } from './token-record.js';

/** See {@link createVerifyCache}. */
export interface VerifyCache {
  /** The record verified for this token hash, if it was verified less than `ttlMs` ago. */
  get(hash: string, nowMs: number): TokenRecord | undefined;
  set(hash: string, record: TokenRecord, nowMs: number): void;
  /** Forgets every entry of this token id (after a revocation). */
  forgetToken(id: string): void;
}

/**
 * A short, bounded memory of verified personal access tokens, keyed by the token's sha256 (never
 * the secret), so that a busy caller costs one database lookup per `ttlMs` instead of one per
 * request. Only successful verifications are kept. `ttlMs <= 0` disables it. When full, the
 * oldest entry goes.
 */
export function createVerifyCache(ttlMs: number, maxEntries = 10_000): VerifyCache {
  const entries = new Map<string, { record: TokenRecord; until: number }>();
  return {
    get(hash, nowMs) {
      const hit = entries.get(hash);
      if (hit === undefined) return undefined;
      if (nowMs < hit.until) return hit.record;
      entries.delete(hash);
      return undefined;
    },
    set(hash, record, nowMs) {
      if (ttlMs <= 0) return;
      entries.delete(hash);
      if (entries.size >= maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
      entries.set(hash, { record, until: nowMs + ttlMs });
    },
    forgetToken(id) {
      for (const [hash, hit] of entries) if (hit.record.id === id) entries.delete(hash);
    },
  };
}
