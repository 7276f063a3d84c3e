/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Sustained calls per second each principal may make. */
  ratePerSecond: number;
  /** Calls a principal may make at once after being idle (the bucket size). */
  burst: number;
  /** Clock in milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Buckets kept at most; full (idle) buckets are dropped first. Default 10000. */
  maxPrincipals?: number;
}

/** The answer of {@link RateLimiter.take}. */
export interface RateDecision {
  allowed: boolean;
  /** Milliseconds until the call would be allowed; 0 when allowed. */
  retryAfterMs: number;
}

/** A per-principal token bucket. */
export interface RateLimiter {
  /** Takes one call (or `cost`) from the principal's bucket. */
  take(principalId: string, cost?: number): RateDecision;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per principal: `burst` calls at once, refilled at `ratePerSecond`. Pure apart
 * from the injected clock; memory is bounded by `maxPrincipals`.
 *
 * @example
 * const limiter = createRateLimiter({ ratePerSecond: 10, burst: 20 });
 * const { allowed, retryAfterMs } = limiter.take(principal.id);
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { ratePerSecond, burst, now = Date.now, maxPrincipals = 10_000 } = options;
  if (!(ratePerSecond > 0) || !(burst >= 1)) {
    throw new RangeError('createRateLimiter: ratePerSecond must be > 0 and burst >= 1');
  }
  const perMs = ratePerSecond / 1000;
  const buckets = new Map<string, Bucket>();

  const refill = (bucket: Bucket, at: number): void => {
    const elapsed = Math.max(0, at - bucket.at);
    bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perMs);
    bucket.at = at;
  };

  const evict = (at: number): void => {
    for (const [id, bucket] of buckets) {
      refill(bucket, at);
      if (bucket.tokens >= burst) buckets.delete(id);
    }
    // Still full of busy principals: drop the oldest entries (Map keeps insertion order).
    for (const id of buckets.keys()) {
      if (buckets.size < maxPrincipals) break;
      buckets.delete(id);
    }
  };

  return {
    take(principalId, cost = 1) {
      const at = now();
      let bucket = buckets.get(principalId);
      if (!bucket) {
        if (buckets.size >= maxPrincipals) evict(at);
        bucket = { tokens: burst, at };
        buckets.set(principalId, bucket);
      }
      refill(bucket, at);
      if (bucket.tokens >= cost) {
        bucket.tokens -= cost;
        return { allowed: true, retryAfterMs: 0 };
      }
      return { allowed: false, retryAfterMs: Math.ceil((cost - bucket.tokens) / perMs) };
    },
  };
}
