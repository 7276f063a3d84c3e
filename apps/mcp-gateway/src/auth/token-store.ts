import type pg from 'pg';
import { createTokenStore as createSharedTokenStore } from '@swarmops/auth';
import type { TokenStore, TokenStoreOptions } from '@swarmops/auth';

/**
 * How long the gateway answers a token it verified from memory: one database lookup per token per
 * window instead of one per HTTP request. Expiry is checked on every call and a revocation through
 * this process applies at once; one made elsewhere (`./swarmops token revoke`) applies within this.
 */
export const TOKEN_VERIFY_CACHE_MS = 5000;

/** The shared token store with the gateway's verify cache (`verifyCacheMs` overrides it). */
export function createTokenStore(pool: pg.Pool, options: TokenStoreOptions = {}): TokenStore {
  return createSharedTokenStore(pool, { verifyCacheMs: TOKEN_VERIFY_CACHE_MS, ...options });
}
