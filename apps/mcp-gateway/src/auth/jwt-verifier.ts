import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { AppError, ErrorCode } from '@swarmops/contracts';
import { authFailure } from '@swarmops/auth';
import type { AuthFailureReason, Principal } from '@swarmops/auth';
import { roleFromScopes, stacksFromClaim } from './scopes.js';

/** Options of {@link createJwtVerifier}. */
export interface JwtVerifierOptions {
  /** Expected `iss`: the authorization server's issuer identifier. */
  issuer: string;
  /** Expected `aud`: this server's resource URI, e.g. `https://swarmops.example/mcp`. */
  audience: string;
  /** The issuer's JWKS URL. Keys are fetched once and cached (refetched for an unknown `kid`). */
  jwksUri: string;
  /** Allowed clock skew in seconds. Default 30. */
  clockToleranceSec?: number;
  /** Milliseconds to wait for the JWKS. Default 5000. */
  jwksTimeoutMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

/** Verifies OAuth 2.1 access tokens (JWT) into principals. */
export interface JwtVerifier {
  /** Throws UNAUTHORIZED with `details.reason`, FORBIDDEN when no scope grants a role, UNAVAILABLE when the JWKS cannot be fetched. */
  verify(jwt: string): Promise<Principal>;
}

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Maps a jose failure to why the token is refused; undefined for failures that are not the caller's. */
function reasonOf(err: unknown): AuthFailureReason | undefined {
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.reason === 'missing') return 'malformed';
    if (err.claim === 'iss') return 'wrong_issuer';
    if (err.claim === 'aud') return 'wrong_audience';
    if (err.claim === 'nbf') return 'not_yet_valid';
    if (err.claim === 'exp') return 'expired';
    return 'malformed';
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (err instanceof errors.JWKSNoMatchingKey) return 'bad_signature';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'bad_signature';
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'malformed';
  if (err instanceof errors.JOSENotSupported) return 'malformed';
  return undefined;
}

function toPrincipal(payload: JWTPayload): Principal {
  if (typeof payload.sub !== 'string' || payload.sub === '') throw authFailure('malformed');
  const role = roleFromScopes(payload.scope);
  if (role === null) {
    throw new AppError(ErrorCode.FORBIDDEN, 'forbidden: the token carries no swarmops scope', {
      details: { reason: 'insufficient_scope' },
    });
  }
  const clientId = typeof payload.client_id === 'string' ? payload.client_id : payload.azp;
  return {
    id: `oauth:${payload.sub}`,
    kind: 'oauth',
    ...(typeof clientId === 'string' ? { clientId } : {}),
    role,
    stacks: stacksFromClaim(payload.swarmops_stacks),
  };
}

/**
 * Verifies OAuth 2.1 JWT access tokens: signature against the issuer's JWKS (cached by jose),
 * `iss`, `aud` (this server's resource URI), `exp` (required) and `nbf`. The `scope` claim maps
 * to a role; `swarmops_stacks` optionally limits the principal to stacks.
 *
 * @example
 * const jwt = createJwtVerifier({ issuer, audience: 'https://ops.example/mcp', jwksUri });
 * const principal = await jwt.verify(bearer);
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.jwksUri), {
    timeoutDuration: options.jwksTimeoutMs ?? 5000,
  });
  return {
    async verify(jwt) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(jwt, jwks, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ALGORITHMS,
          requiredClaims: ['exp'],
          clockTolerance: options.clockToleranceSec ?? 30,
          ...(options.now ? { currentDate: options.now() } : {}),
        }));
      } catch (err) {
        const reason = reasonOf(err);
        if (reason !== undefined) throw authFailure(reason, err);
        throw new AppError(ErrorCode.UNAVAILABLE, 'the OAuth issuer keys (JWKS) could not be fetched', {
          cause: err,
        });
      }
      return toPrincipal(payload);
    },
  };
}
