import { AppError, ErrorCode } from '@swarmops/contracts';
import type { Role } from '@swarmops/contracts';

/** Who is calling, as the auth module resolves a bearer token (structurally its `Principal`). */
export interface CallerPrincipal {
  /** `token:<prefix>`, `oauth:<sub>`, ... never the token itself. */
  id: string;
  kind: string;
  tokenId?: string | null;
  clientId?: string | null;
  role: Role;
  /** Stack names this principal is scoped to; `null` means every stack. */
  stacks: string[] | null;
}

/** What the pipeline writes for every call; the audit module adds `id` and `time`. */
export interface AuditRecord {
  principal: string;
  tokenId: string | null;
  clientId: string | null;
  tool: string;
  arguments: unknown;
  decision: 'allowed' | 'denied';
  outcome: 'ok' | 'error' | 'denied';
  errorCode: string | null;
  durationMs: number;
  traceId: string | null;
}

/**
 * The security decisions the call pipeline needs, injected so the pipeline stays pure-ish and
 * testable. Each refusal throws an AppError (`UNAUTHORIZED`, `FORBIDDEN`, `UNAVAILABLE` for the
 * rate limit) that the pipeline turns into an `isError` result and an audit row.
 */
export interface CallSecurity {
  /** Resolves the caller; throws AppError UNAUTHORIZED. */
  authenticate(): Promise<CallerPrincipal>;
  /** Consumes one call of the principal's budget; throws when exhausted. */
  rateLimit(principal: CallerPrincipal): Promise<void> | void;
  /** Throws FORBIDDEN when the role (or the stack scope, when `stack` is given; `null`: outside every stack) does not allow it. */
  authorize(principal: CallerPrincipal, request: { requiredRole: Role; stack?: string | null }): void;
  /** Writes one audit row. */
  record(entry: AuditRecord): Promise<void>;
}

/** A call the transport tracks: its cancellation signal, and `release()` once it has finished (idempotent). */
export interface TrackedCall {
  signal: AbortSignal;
  release(): void;
}

/** Whether a principal may see objects of `stack` (`null`: not part of a stack). */
export function inScope(principal: CallerPrincipal, stack: string | null | undefined): boolean {
  if (principal.stacks === null) return true;
  return stack !== null && stack !== undefined && principal.stacks.includes(stack);
}

/**
 * Throws FORBIDDEN (`<what> is outside the stacks this token may see`) unless the principal may see `stack`:
 * the check on an answer, after the one on the request, in case the object moved between the two reads.
 */
export function assertInScope(
  principal: CallerPrincipal,
  stack: string | null | undefined,
  what: string,
): void {
  if (!inScope(principal, stack))
    throw new AppError(ErrorCode.FORBIDDEN, `${what} is outside the stacks this token may see`);
}
