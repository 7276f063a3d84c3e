import { isDeepStrictEqual } from 'node:util';

/**
 * The keys of `desired` whose value differs from `actual`; keys absent from `desired` are left to
 * the server's defaults and never count as a difference.
 */
export function configDiff(desired: object, actual: object): string[] {
  const current = actual as Record<string, unknown>;
  return Object.entries(desired)
    .filter(([key, value]) => value !== undefined && !isDeepStrictEqual(value, current[key]))
    .map(([key]) => key);
}
