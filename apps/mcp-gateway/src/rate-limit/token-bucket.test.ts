import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './token-bucket.js';

describe('rate limiter', () => {
  it('allows a burst, then refuses with the wait until the next token', () => {
    let t = 0;
    const limiter = createRateLimiter({ ratePerSecond: 2, burst: 3, now: () => t });
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 500 });
    t = 250;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 250 });
    t = 500;
    expect(limiter.take('a')).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it('keeps principals apart', () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, now: () => 0 });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('refills to the burst and no further', () => {
    let t = 0;
    const limiter = createRateLimiter({ ratePerSecond: 10, burst: 2, now: () => t });
    limiter.take('a');
    limiter.take('a');
    t = 60_000;
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, false]);
  });

  it('refuses a clock that goes backwards from refilling', () => {
    let t = 1000;
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, now: () => t });
    limiter.take('a');
    t = 0;
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('bounds memory while remembering busy principals', () => {
    let t = 0;
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 1, now: () => t, maxPrincipals: 2 });
    limiter.take('a');
    limiter.take('b');
    t = 10;
    limiter.take('c'); // evicts the oldest busy bucket, a
    expect(limiter.take('b').allowed).toBe(false);
    expect(limiter.take('c').allowed).toBe(false);
  });

  it('rejects nonsense options', () => {
    expect(() => createRateLimiter({ ratePerSecond: 0, burst: 1 })).toThrow(RangeError);
    expect(() => createRateLimiter({ ratePerSecond: 1, burst: 0 })).toThrow(RangeError);
  });
});
