// Authentication and authorization of gateway callers. Token storage, roles and stack scopes
// live in @swarmops/auth (the CLI uses them too); OAuth JWTs and bearer parsing live here.
export {
  AuthFailureReason,
  authFailure,
  authorizeTool,
  filterByStacks,
  parseDuration,
  roleAllows,
  stackAllowed,
} from '@swarmops/auth';
export type {
  CreateTokenInput,
  Principal,
  TokenRecord,
  TokenStore,
  TokenStoreOptions,
  ToolRequirement,
} from '@swarmops/auth';
export { TOKEN_VERIFY_CACHE_MS, createTokenStore } from './token-store.js';
export { authenticate, tokenPrincipal } from './authenticate.js';
export type { AuthenticateDeps } from './authenticate.js';
export { bearerChallenge, bearerFromHeader, looksLikeJwt } from './bearer.js';
export type { BearerChallenge } from './bearer.js';
export { createJwtVerifier } from './jwt-verifier.js';
export type { JwtVerifier, JwtVerifierOptions } from './jwt-verifier.js';
export { OAuthScope, SUPPORTED_SCOPES, roleFromScopes, stacksFromClaim } from './scopes.js';
