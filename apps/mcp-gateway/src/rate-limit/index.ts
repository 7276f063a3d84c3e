export { createRateLimiter } from './token-bucket.js';
export type { RateDecision, RateLimiter, RateLimiterOptions } from './token-bucket.js';
