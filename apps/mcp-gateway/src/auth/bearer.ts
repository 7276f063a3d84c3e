/**
 * The token of an `Authorization: Bearer <token>` header, or undefined when the header is absent
 * or uses another scheme. The scheme is case-insensitive (RFC 6750).
 */
export function bearerFromHeader(authorization: string | null | undefined): string | undefined {
  if (!authorization) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  return m?.[1];
}

/** True when the bearer has the shape of a JWT (compact JWS: three dot-separated base64url parts). */
export function looksLikeJwt(bearer: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(bearer);
}

/** Options of {@link bearerChallenge}. */
export interface BearerChallenge {
  /** URL of `/.well-known/oauth-protected-resource` (RFC 9728). */
  resourceMetadataUrl: string;
  /** `invalid_token` for a bad token, `insufficient_scope` for a too-weak one; omit when none was sent. */
  error?: 'invalid_token' | 'insufficient_scope';
  description?: string;
  scope?: string;
}

/** The `WWW-Authenticate` value of a 401/403 (RFC 6750 section 3, RFC 9728 section 5.1). */
export function bearerChallenge(challenge: BearerChallenge): string {
  const quote = (v: string) => `"${v.replace(/["\\]/g, '')}"`;
  const parts = [`resource_metadata=${quote(challenge.resourceMetadataUrl)}`];
  if (challenge.error) parts.push(`error=${quote(challenge.error)}`);
  if (challenge.description) parts.push(`error_description=${quote(challenge.description)}`);
  if (challenge.scope) parts.push(`scope=${quote(challenge.scope)}`);
  return `Bearer ${parts.join(', ')}`;
}
