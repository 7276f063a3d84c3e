import { isAppError } from '@swarmops/contracts';
import { describe, expect, it } from 'vitest';
import { createSecretValuesReader } from './secret-values.js';

const key = Buffer.alloc(32, 1);
const values = new Map([['db_password', Buffer.from('s3cret')]]);

describe('secret values reader', () => {
  it('has no values when no secrets file is configured', async () => {
    const read = createSecretValuesReader({
      path: undefined,
      key,
      read: () => Promise.reject(new Error('unused')),
    });
    expect((await read()).size).toBe(0);
  });

  it('reads the file with the key at every call', async () => {
    let calls = 0;
    const read = createSecretValuesReader({
      path: '/etc/swarmops/secrets.enc',
      key,
      read: (path, k) => {
        calls += 1;
        expect([path, k]).toEqual(['/etc/swarmops/secrets.enc', key]);
        return Promise.resolve(values);
      },
    });
    expect(await read()).toBe(values);
    await read();
    expect(calls).toBe(2);
  });

  it('says the key is missing, naming both variables', async () => {
    const read = createSecretValuesReader({
      path: '/s.enc',
      key: undefined,
      read: () => Promise.resolve(values),
    });
    const err = await read().catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('UNAVAILABLE');
    expect(String(err)).toMatch(/BACKUP_SECRETS_FILE.*BACKUP_ENCRYPTION_KEY/);
  });

  it('turns a read failure into UNAVAILABLE naming the variable and the file', async () => {
    const read = createSecretValuesReader({
      path: '/s.enc',
      key,
      read: () => Promise.reject(new Error('cannot decrypt: wrong BACKUP_ENCRYPTION_KEY or a damaged file')),
    });
    await expect(read()).rejects.toThrow(/^BACKUP_SECRETS_FILE \/s.enc: cannot decrypt/);
  });
});
