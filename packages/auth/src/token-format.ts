import { createHash, randomBytes as nodeRandomBytes, timingSafeEqual } from 'node:crypto';

/** Every personal access token starts with this. */
export const TOKEN_PREFIX = 'swo_';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE36_LOWER = '0123456789abcdefghijklmnopqrstuvwxyz';
const ID_LENGTH = 8;
const SECRET_LENGTH = 40; // ~238 bits of base62
const TOKEN_RE = /^swo_([0-9a-z]{8})_([0-9A-Za-z]{32,128})$/;

/** A freshly generated token: the secret (shown once) and its visible prefix. */
export interface GeneratedToken {
  /** The whole secret, `swo_<id>_<random>`. */
  token: string;
  /** The visible part, `swo_<id>`, stored and shown in lists. */
  prefix: string;
}

/** `length` random characters of `alphabet`, without modulo bias (rejection sampling). */
function randomString(alphabet: string, length: number, randomBytes: (n: number) => Buffer): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= limit) continue;
      out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/**
 * Generates a personal access token `swo_<8 lower-case base36>_<40 base62>`.
 * `randomBytes` is injectable for tests.
 */
export function generateToken(randomBytes: (n: number) => Buffer = nodeRandomBytes): GeneratedToken {
  const id = randomString(BASE36_LOWER, ID_LENGTH, randomBytes);
  const secret = randomString(BASE62, SECRET_LENGTH, randomBytes);
  return { token: `${TOKEN_PREFIX}${id}_${secret}`, prefix: `${TOKEN_PREFIX}${id}` };
}

/** The visible prefix of a well-formed token, or `null` when it does not have the token's shape. */
export function parseTokenPrefix(token: string): string | null {
  const m = TOKEN_RE.exec(token);
  return m ? `${TOKEN_PREFIX}${m[1]}` : null;
}

/** True when the string looks like a personal access token rather than anything else. */
export function looksLikePersonalToken(value: string): boolean {
  return value.startsWith(TOKEN_PREFIX);
}

/** Lower-case hex sha256 of the whole token: what the store keeps instead of the token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests of equal length. */
export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
