import { Role } from '@swarmops/contracts';

/** OAuth scopes the gateway understands, and the role each grants. */
export const OAuthScope = {
  admin: 'swarmops:admin',
  operator: 'swarmops:operator',
  read: 'swarmops:read',
  viewer: 'swarmops:viewer',
} as const;

/** The scopes advertised in the protected resource metadata (RFC 9728). */
export const SUPPORTED_SCOPES: readonly string[] = [OAuthScope.read, OAuthScope.operator, OAuthScope.admin];

/**
 * The highest role the space-separated `scope` claim grants (admin > operator > read/viewer),
 * or null when it grants none.
 */
export function roleFromScopes(scope: unknown): Role | null {
  const scopes = new Set(typeof scope === 'string' ? scope.split(' ').filter(Boolean) : []);
  if (scopes.has(OAuthScope.admin)) return Role.admin;
  if (scopes.has(OAuthScope.operator)) return Role.operator;
  if (scopes.has(OAuthScope.read) || scopes.has(OAuthScope.viewer)) return Role.viewer;
  return null;
}

/**
 * The stack scope carried by the `swarmops_stacks` claim: an array of names or one
 * space/comma-separated string. Null (every stack) when absent or empty.
 */
export function stacksFromClaim(claim: unknown): string[] | null {
  const names = Array.isArray(claim)
    ? claim.filter((s): s is string => typeof s === 'string')
    : typeof claim === 'string'
      ? claim.split(/[\s,]+/)
      : [];
  const clean = [...new Set(names.map((s) => s.trim()).filter(Boolean))];
  return clean.length > 0 ? clean : null;
}
