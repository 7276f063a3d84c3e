import { randomBytes } from 'node:crypto';

function token(): string {
  return randomBytes(5).toString('hex');
}

/**
 * A NATS subject unique to this call, under `test.` so it never collides with platform subjects.
 *
 * @example uniqueSubject('rpc') // 'test.rpc.3f9a0c1b2d'
 */
export function uniqueSubject(prefix: string): string {
  const clean = prefix.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^\.+|\.+$/g, '') || 't';
  return `test.${clean}.${token()}`;
}

/**
 * A JetStream stream (or consumer) name unique to this call: letters, digits, `_` and `-` only.
 *
 * @example uniqueStreamName('events') // 'T_EVENTS_3f9a0c1b2d'
 */
export function uniqueStreamName(prefix: string): string {
  const clean = prefix.toUpperCase().replace(/[^A-Z0-9_-]+/g, '_') || 'S';
  return `T_${clean}_${token()}`;
}
