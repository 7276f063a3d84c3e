import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEncrypted } from '../archive/crypto.js';
import { readSecretsFile } from '../archive/secrets-file.js';
import { runSecretsFileCli } from './secrets-file-cli.js';

const KEY = randomBytes(32);

describe('secrets-file CLI', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const io = (key: string | null = KEY.toString('base64')) => ({
    env: { BACKUP_ENCRYPTION_KEY: key ?? undefined },
    out: (line: string) => out.push(line),
    err: (line: string) => err.push(line),
  });
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'secrets-cli-'));
    out = [];
    err = [];
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('encrypts a YAML file (mode 0600) and checks it, listing names but never values', async () => {
    const input = join(dir, 'secrets.yaml');
    const output = join(dir, 'secrets.enc');
    await writeFile(input, 'shop_db_password: hunter2\napi_token: "tok-123"\n');
    expect(await runSecretsFileCli(['encrypt', input, output], io())).toBe(0);
    expect(out).toEqual([`encrypted 2 secrets into ${output}: api_token, shop_db_password`]);
    const sealed = await readFile(output);
    expect(isEncrypted(sealed)).toBe(true);
    expect((await stat(output)).mode & 0o777).toBe(0o600);
    expect((await readSecretsFile(output, KEY)).get('shop_db_password')?.toString()).toBe('hunter2');

    out = [];
    expect(await runSecretsFileCli(['check', output], io(KEY.toString('hex')))).toBe(0);
    expect(out).toEqual([`${output}: 2 secrets`, 'api_token', 'shop_db_password']);
    expect([...out, ...err].join('\n')).not.toMatch(/hunter2|tok-123/);
  });

  it('fails with a clear message for a wrong key, a missing key, a bad key and invalid YAML', async () => {
    const input = join(dir, 'secrets.yaml');
    const output = join(dir, 'secrets.enc');
    await writeFile(input, 'a: one\n');
    expect(await runSecretsFileCli(['encrypt', input, output], io())).toBe(0);

    expect(await runSecretsFileCli(['check', output], io(randomBytes(32).toString('base64')))).toBe(1);
    expect(err.pop()).toBe(
      `secrets-file: cannot decrypt ${output}: wrong BACKUP_ENCRYPTION_KEY or a damaged file`,
    );
    expect(await runSecretsFileCli(['check', output], io(null))).toBe(1);
    expect(err.pop()).toBe('secrets-file: BACKUP_ENCRYPTION_KEY is not set');
    expect(await runSecretsFileCli(['check', output], io('short'))).toBe(1);
    expect(err.pop()).toMatch(/^secrets-file: BACKUP_ENCRYPTION_KEY: expected 32 bytes/);

    await writeFile(input, 'port: 5432\n');
    expect(await runSecretsFileCli(['encrypt', input, join(dir, 'other.enc')], io())).toBe(1);
    expect(err.pop()).toBe(`secrets-file: ${input}: the value of port must be a string, found a number`);
    expect(await runSecretsFileCli(['encrypt', join(dir, 'missing.yaml'), output], io())).toBe(1);
    expect(err.pop()).toBe(`secrets-file: cannot read ${join(dir, 'missing.yaml')}: ENOENT`);
  });

  it('prints usage and exits 2 for an unknown command or wrong arguments', async () => {
    expect(await runSecretsFileCli([], io())).toBe(2);
    expect(await runSecretsFileCli(['encrypt', 'only-one'], io())).toBe(2);
    expect(err.join('\n')).toMatch(/usage: secrets-file encrypt <in\.yaml> <out\.enc>/);
    expect(await runSecretsFileCli(['help'], io())).toBe(0);
    expect(out.join('\n')).toMatch(/never the values/);
  });
});
