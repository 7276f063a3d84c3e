import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encrypt } from './crypto.js';
import { encryptSecretsYaml, parseSecretsYaml, readSecretsFile, SecretsFileError } from './secrets-file.js';

const KEY = randomBytes(32);
const YAML = [
  '# values for restore',
  'shop_db_password: "s3cr3t-value"',
  'shop_tls_key: |',
  '  -----BEGIN KEY-----',
  '  abc',
  'raw_token: !!binary AAEC/w==',
  '',
].join('\n');

describe('parseSecretsYaml', () => {
  it('reads a map of names to values, strings and !!binary', () => {
    const values = parseSecretsYaml(YAML, 'in.yaml');
    expect([...values.keys()]).toEqual(['shop_db_password', 'shop_tls_key', 'raw_token']);
    expect(values.get('shop_db_password')?.toString()).toBe('s3cr3t-value');
    expect(values.get('shop_tls_key')?.toString()).toBe('-----BEGIN KEY-----\nabc\n');
    expect(values.get('raw_token')).toEqual(Buffer.from([0, 1, 2, 255]));
  });

  it('reads an empty file as no secrets', () => {
    expect(parseSecretsYaml('', 'in.yaml').size).toBe(0);
    expect(parseSecretsYaml('# nothing yet\n', 'in.yaml').size).toBe(0);
  });

  it('refuses what is not a map, naming the file', () => {
    expect(() => parseSecretsYaml('- a\n- b\n', 'in.yaml')).toThrow(
      'in.yaml: expected a YAML map of secret name: value, found a list',
    );
    expect(() => parseSecretsYaml('just text', 'in.yaml')).toThrow(/found a string$/);
  });

  it('names the secret whose value is not a string, and never shows a value', () => {
    expect(() => parseSecretsYaml('a: ok\nport: 5432\n', 'in.yaml')).toThrow(
      'in.yaml: the value of port must be a string, found a number',
    );
    expect(() => parseSecretsYaml('a:\n', 'in.yaml')).toThrow(
      'the value of a must be a string, found nothing',
    );
    expect(() => parseSecretsYaml('a: {b: c}\n', 'in.yaml')).toThrow(
      'the value of a must be a string, found a map',
    );
    expect(() => parseSecretsYaml('a: ""\n', 'in.yaml')).toThrow('in.yaml: the value of a is empty');
    expect(() => parseSecretsYaml(`a: ${'x'.repeat(600 * 1024)}\n`, 'in.yaml')).toThrow(
      /larger than 500 KiB/,
    );
  });

  it('reports a YAML syntax error by line and code only, so no value leaks into the message', () => {
    let message = '';
    try {
      parseSecretsYaml('a: one\npassword: "hunter2\nb: [\n', 'in.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(SecretsFileError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/^in\.yaml: not valid YAML at line \d+ \([A-Z_]+\)$/);
    expect(message).not.toContain('hunter2');
    expect(() => parseSecretsYaml('a: 1\na: 2\n', 'in.yaml')).toThrow(/DUPLICATE_KEY/);
  });
});

describe('readSecretsFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'secrets-file-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('decrypts and parses the file encryptSecretsYaml wrote', async () => {
    const { bytes, names } = encryptSecretsYaml(YAML, KEY, 'in.yaml');
    expect(names).toEqual(['shop_db_password', 'shop_tls_key', 'raw_token']);
    expect(bytes.includes(Buffer.from('s3cr3t'))).toBe(false);
    await writeFile(join(dir, 'secrets.enc'), bytes);
    const values = await readSecretsFile(join(dir, 'secrets.enc'), KEY);
    expect(values.get('shop_db_password')?.toString()).toBe('s3cr3t-value');
  });

  it('says clearly what is wrong: missing file, no key, wrong key, not encrypted, not a map', async () => {
    const path = join(dir, 'secrets.enc');
    await expect(readSecretsFile(path, KEY)).rejects.toThrow(`BACKUP_SECRETS_FILE ${path} does not exist`);
    await writeFile(path, encryptSecretsYaml(YAML, KEY, 'in.yaml').bytes);
    await expect(readSecretsFile(path, undefined)).rejects.toThrow(
      `BACKUP_SECRETS_FILE ${path} is encrypted but BACKUP_ENCRYPTION_KEY is not set`,
    );
    await expect(readSecretsFile(path, randomBytes(32))).rejects.toThrow(
      `cannot decrypt BACKUP_SECRETS_FILE ${path}: wrong BACKUP_ENCRYPTION_KEY or a damaged file`,
    );
    await writeFile(path, YAML);
    await expect(readSecretsFile(path, KEY)).rejects.toThrow(
      /is not encrypted: encrypt it with `node apps\/backup\/dist\/bin\/secrets-file\.js encrypt/,
    );
    await writeFile(path, encrypt(Buffer.from('- a\n'), KEY));
    await expect(readSecretsFile(path, KEY)).rejects.toThrow(
      `BACKUP_SECRETS_FILE ${path}: expected a YAML map`,
    );
    await expect(readSecretsFile(path, KEY, { source: 'my.enc' })).rejects.toThrow(
      'my.enc: expected a YAML map',
    );
  });
});
