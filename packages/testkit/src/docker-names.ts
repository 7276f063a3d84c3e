import { randomBytes } from 'node:crypto';

/**
 * A short name unique to this call, safe for Docker services, networks, configs and secrets
 * (lowercase letters, digits and `-`, at most 40 characters).
 *
 * @example uniqueName('web') // 'web-k3f9x2ab'
 */
export function uniqueName(prefix: string): string {
  const clean = prefix
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30);
  const suffix = randomBytes(6)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 8);
  return `${clean === '' ? 't' : clean}-${suffix}`;
}
