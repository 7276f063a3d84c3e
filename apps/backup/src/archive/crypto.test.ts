import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  ArchiveCryptoError,
  decrypt,
  ENCRYPTED_MAGIC,
  encrypt,
  isArchiveCryptoError,
  isEncrypted,
} from './crypto.js';

const KEY = randomBytes(32);
const PLAIN = Buffer.from('the archive bytes');

function reasonOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isArchiveCryptoError(error)) return error.reason;
    throw error;
  }
  throw new Error('expected an ArchiveCryptoError');
}

describe('encrypt / decrypt', () => {
  it('writes magic, a 12-byte IV, the ciphertext and a 16-byte tag, and opens it again', () => {
    const sealed = encrypt(PLAIN, KEY);
    expect(sealed.subarray(0, 8).toString('ascii')).toBe('SWOPSBK1');
    expect(sealed.length).toBe(8 + 12 + PLAIN.length + 16);
    expect(isEncrypted(sealed)).toBe(true);
    expect(isEncrypted(PLAIN)).toBe(false);
    expect(decrypt(sealed, KEY)).toEqual(PLAIN);
  });

  it('uses a fresh IV every time', () => {
    expect(encrypt(PLAIN, KEY).equals(encrypt(PLAIN, KEY))).toBe(false);
  });

  it('refuses a wrong key, a flipped byte anywhere and a truncated file as decrypt-failed', () => {
    const sealed = encrypt(PLAIN, KEY);
    expect(reasonOf(() => decrypt(sealed, randomBytes(32)))).toBe('decrypt-failed');
    for (let offset = 8; offset < sealed.length; offset += 1) {
      const damaged = Buffer.from(sealed);
      damaged[offset] = damaged[offset]! ^ 0x80;
      expect(reasonOf(() => decrypt(damaged, KEY))).toBe('decrypt-failed');
    }
    for (const length of [8, 20, 35, sealed.length - 1]) {
      expect(reasonOf(() => decrypt(sealed.subarray(0, length), KEY))).toBe('decrypt-failed');
    }
  });

  it('says which variable is missing when the file is encrypted and no key is set', () => {
    const sealed = encrypt(PLAIN, KEY);
    expect(() => decrypt(sealed, undefined)).toThrow(
      'the file is encrypted but BACKUP_ENCRYPTION_KEY is not set',
    );
    expect(() => decrypt(sealed, null)).toThrow(ArchiveCryptoError);
  });

  it('refuses a file without the magic and a key that is not 32 bytes', () => {
    expect(reasonOf(() => decrypt(PLAIN, KEY))).toBe('not-encrypted');
    const badMagic = encrypt(PLAIN, KEY);
    badMagic[0] = 0;
    expect(reasonOf(() => decrypt(badMagic, KEY))).toBe('not-encrypted');
    expect(reasonOf(() => encrypt(PLAIN, randomBytes(16)))).toBe('bad-key');
    expect(reasonOf(() => decrypt(encrypt(PLAIN, KEY), randomBytes(31)))).toBe('bad-key');
  });

  it('never puts the key in the error', () => {
    try {
      decrypt(encrypt(PLAIN, KEY), randomBytes(32));
    } catch (error) {
      const text = JSON.stringify(error) + String(error);
      expect(text).not.toContain(KEY.toString('hex'));
      expect(text).not.toContain(KEY.toString('base64'));
    }
    expect(ENCRYPTED_MAGIC.length).toBe(8);
  });
});
