import { authFailure, looksLikePersonalToken } from '@swarmops/auth';
import type { Principal, TokenRecord } from '@swarmops/auth';
import { looksLikeJwt } from './bearer.js';
import type { JwtVerifier } from './jwt-verifier.js';

/** What {@link authenticate} checks bearers against. */
export interface AuthenticateDeps {
  /** The personal access token store (`createTokenStore`). */
  tokens: { verify(secret: string): Promise<TokenRecord> };
  /** The OAuth JWT verifier; omit or null when no issuer is configured. */
  jwt?: JwtVerifier | null;
}

/** The principal of a verified personal access token. */
export function tokenPrincipal(record: TokenRecord): Principal {
  return {
    id: `token:${record.prefix}`,
    kind: 'token',
    tokenId: record.id,
    role: record.role,
    stacks: record.stacks,
  };
}

/**
 * Turns a bearer into a principal. A bearer starting `swo_` is a personal access token; one
 * shaped like a JWT (three dot-separated parts) is an OAuth access token; anything else is
 * malformed. Throws AppError UNAUTHORIZED with `details.reason` (missing, malformed, unknown,
 * revoked, expired, not_yet_valid, bad_signature, wrong_audience, wrong_issuer, oauth_disabled).
 *
 * The bearer stays here: the gateway never forwards it to other services, only the principal.
 */
export async function authenticate(
  input: { bearer?: string | null },
  deps: AuthenticateDeps,
): Promise<Principal> {
  const bearer = input.bearer?.trim();
  if (!bearer) throw authFailure('missing');
  if (looksLikePersonalToken(bearer)) return tokenPrincipal(await deps.tokens.verify(bearer));
  if (looksLikeJwt(bearer)) {
    if (!deps.jwt) throw authFailure('oauth_disabled');
    return deps.jwt.verify(bearer);
  }
  throw authFailure('malformed');
}
