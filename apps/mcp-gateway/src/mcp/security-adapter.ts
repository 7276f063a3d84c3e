import type pg from 'pg';
import { AppError, ErrorCode } from '@swarmops/contracts';
import { authenticate, authorizeTool, createJwtVerifier, createTokenStore } from '../auth/index.js';
import { createAuditLog } from '../audit/index.js';
import { createRateLimiter } from '../rate-limit/index.js';
import type { AuditReader } from '../tools/tool.js';
import type { SecurityServices } from './security.js';

/** Options of {@link createSecurityServices}. */
export interface SecurityOptions {
  pool: pg.Pool;
  /** OAuth: issuer, its JWKS URL, and this server's resource URI as the audience. */
  oauth?: { issuer: string; jwksUri: string; audience: string };
  /** Per-principal token bucket. */
  rateLimit: { ratePerSecond: number; burst: number };
  onTouchError?: (err: unknown) => void;
}

/** The auth, rate-limit and audit modules behind the call pipeline's ports. */
export function createSecurityServices(options: SecurityOptions): {
  services: SecurityServices;
  audit: AuditReader;
  close(): Promise<void>;
} {
  const tokens = createTokenStore(options.pool, { onTouchError: options.onTouchError });
  const jwt = options.oauth === undefined ? null : createJwtVerifier(options.oauth);
  const auditLog = createAuditLog(options.pool);
  const limiter = createRateLimiter(options.rateLimit);
  return {
    services: {
      authenticate: (bearer) => authenticate({ bearer }, { tokens, jwt }),
      rateLimit: (principal) => {
        const { allowed, retryAfterMs } = limiter.take(principal.id);
        if (!allowed) {
          throw new AppError(
            ErrorCode.UNAVAILABLE,
            `rate limit exceeded: retry after ${Math.ceil(retryAfterMs)} ms`,
            {
              details: { reason: 'rate_limited', retryAfterMs },
            },
          );
        }
      },
      authorize: (principal, request) =>
        authorizeTool(principal as Parameters<typeof authorizeTool>[0], request),
      record: async (entry) => {
        await auditLog.record(entry);
      },
    },
    audit: auditLog,
    close: () => tokens.flush(),
  };
}
