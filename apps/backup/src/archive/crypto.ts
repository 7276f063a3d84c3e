import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** The first 8 bytes of every encrypted file Swarmops writes (archives and the secrets file). */
export const ENCRYPTED_MAGIC = Buffer.from('SWOPSBK1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Why {@link decrypt} (or {@link encrypt}) refused. */
export const CryptoFailure = {
  /** The key does not open the file, or the file was changed or cut short. */
  decryptFailed: 'decrypt-failed',
  /** The file is encrypted but no key is configured. */
  keyMissing: 'key-missing',
  /** The file does not start with the magic: it was never encrypted by Swarmops. */
  notEncrypted: 'not-encrypted',
  /** The key is not 32 bytes. */
  badKey: 'bad-key',
} as const;
export type CryptoFailure = (typeof CryptoFailure)[keyof typeof CryptoFailure];

const MESSAGES: Record<CryptoFailure, string> = {
  'decrypt-failed': 'cannot decrypt: wrong BACKUP_ENCRYPTION_KEY or a damaged file',
  'key-missing': 'the file is encrypted but BACKUP_ENCRYPTION_KEY is not set',
  'not-encrypted': 'the file is not encrypted (it does not start with SWOPSBK1)',
  'bad-key': 'BACKUP_ENCRYPTION_KEY must be 32 bytes',
};

/** Encryption or decryption failed; `reason` says why, the message says it for people. Never holds the key. */
export class ArchiveCryptoError extends Error {
  override readonly name = 'ArchiveCryptoError';
  readonly reason: CryptoFailure;

  constructor(reason: CryptoFailure, options?: { cause?: unknown }) {
    super(MESSAGES[reason], options);
    this.reason = reason;
  }
}

/** True when `bytes` start with the encrypted-file magic. */
export function isEncrypted(bytes: Uint8Array): boolean {
  return (
    bytes.length >= ENCRYPTED_MAGIC.length &&
    ENCRYPTED_MAGIC.equals(bytes.subarray(0, ENCRYPTED_MAGIC.length))
  );
}

function requireKey(key: Buffer | null | undefined): Buffer {
  if (key === null || key === undefined) throw new ArchiveCryptoError(CryptoFailure.keyMissing);
  if (key.length !== KEY_BYTES) throw new ArchiveCryptoError(CryptoFailure.badKey);
  return key;
}

/**
 * AES-256-GCM: `SWOPSBK1` (8 bytes), a random 12-byte IV, the ciphertext, the 16-byte tag. The magic is
 * authenticated too (additional data), so no byte of the file can change unnoticed.
 */
export function encrypt(bytes: Uint8Array, key: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', requireKey(key), iv);
  cipher.setAAD(ENCRYPTED_MAGIC);
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([ENCRYPTED_MAGIC, iv, body, cipher.getAuthTag()]);
}

/**
 * Opens what {@link encrypt} wrote. Throws an {@link ArchiveCryptoError}: `key-missing` when `key` is
 * absent, `not-encrypted` without the magic, `decrypt-failed` for a wrong key or any damage.
 */
export function decrypt(bytes: Uint8Array, key: Buffer | null | undefined): Buffer {
  if (!isEncrypted(bytes)) throw new ArchiveCryptoError(CryptoFailure.notEncrypted);
  const checkedKey = requireKey(key);
  const headerBytes = ENCRYPTED_MAGIC.length + IV_BYTES;
  if (bytes.length < headerBytes + TAG_BYTES) throw new ArchiveCryptoError(CryptoFailure.decryptFailed);
  const iv = bytes.subarray(ENCRYPTED_MAGIC.length, headerBytes);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', checkedKey, iv);
    decipher.setAAD(ENCRYPTED_MAGIC);
    decipher.setAuthTag(tag);
    return Buffer.concat([
      decipher.update(bytes.subarray(headerBytes, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch (cause) {
    throw new ArchiveCryptoError(CryptoFailure.decryptFailed, { cause });
  }
}

/** True for an {@link ArchiveCryptoError}, also across duplicated module copies. */
export function isArchiveCryptoError(value: unknown): value is ArchiveCryptoError {
  return value instanceof Error && value.name === 'ArchiveCryptoError' && 'reason' in value;
}
