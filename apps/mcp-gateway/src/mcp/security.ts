import type { Role } from '@swarmops/contracts';
import type { AuditRecord, CallSecurity, CallerPrincipal } from './ports.js';

/** The gateway's security services, built once from the auth, rate-limit and audit modules. */
export interface SecurityServices {
  /** Resolves a bearer token (absent: `undefined`) to a principal; throws AppError UNAUTHORIZED. */
  authenticate(bearer: string | undefined): Promise<CallerPrincipal>;
  rateLimit(principal: CallerPrincipal): Promise<void> | void;
  authorize(principal: CallerPrincipal, request: { requiredRole: Role; stack?: string | null }): void;
  record(entry: AuditRecord): Promise<void>;
}

/** For HTTP: the request was authenticated at the edge; every call in it acts as that principal. */
export function securityForPrincipal(services: SecurityServices, principal: CallerPrincipal): CallSecurity {
  return {
    authenticate: () => Promise.resolve(principal),
    rateLimit: (p) => services.rateLimit(p),
    authorize: (p, r) => services.authorize(p, r),
    record: (e) => services.record(e),
  };
}

/** For stdio: the token is checked again on every call, so revocation and expiry bite mid-session. */
export function securityForBearer(services: SecurityServices, bearer: string): CallSecurity {
  return {
    authenticate: () => services.authenticate(bearer),
    rateLimit: (p) => services.rateLimit(p),
    authorize: (p, r) => services.authorize(p, r),
    record: (e) => services.record(e),
  };
}
