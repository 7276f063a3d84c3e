import { readFile } from 'node:fs/promises';
import { isMap, parseDocument } from 'yaml';
import { decrypt, encrypt, isArchiveCryptoError } from './crypto.js';

/** Docker refuses secrets larger than this. */
const MAX_SECRET_BYTES = 500 * 1024;

/** Why the secrets file could not be used. The message names the file, never a value. */
export class SecretsFileError extends Error {
  override readonly name = 'SecretsFileError';
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `a ${typeof value}`;
}

/**
 * Parses the secrets file's YAML: a map `secretName: value` (strings, or `!!binary` for bytes). An empty
 * document is an empty map. Errors name `source` and the offending secret, never a value, and YAML syntax
 * errors give only a position (their usual excerpt could show a value).
 */
export function parseSecretsYaml(text: string, source: string): Map<string, Buffer> {
  const doc = parseDocument(text, { uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const line = syntax.linePos?.[0].line;
    throw new SecretsFileError(
      `${source}: not valid YAML${line === undefined ? '' : ` at line ${line}`} (${syntax.code})`,
    );
  }
  if (doc.contents === null) return new Map();
  if (!isMap(doc.contents)) {
    throw new SecretsFileError(
      `${source}: expected a YAML map of secret name: value, found ${describe(doc.toJS())}`,
    );
  }
  const values = new Map<string, Buffer>();
  for (const [name, value] of Object.entries(doc.toJS() as Record<string, unknown>)) {
    if (name.trim() === '') throw new SecretsFileError(`${source}: a secret name is empty`);
    let bytes: Buffer;
    if (typeof value === 'string') bytes = Buffer.from(value, 'utf8');
    else if (value instanceof Uint8Array) bytes = Buffer.from(value);
    else
      throw new SecretsFileError(
        `${source}: the value of ${name} must be a string, found ${describe(value)}`,
      );
    if (bytes.length === 0) throw new SecretsFileError(`${source}: the value of ${name} is empty`);
    if (bytes.length > MAX_SECRET_BYTES) {
      throw new SecretsFileError(
        `${source}: the value of ${name} is larger than 500 KiB, Docker's limit for a secret`,
      );
    }
    values.set(name, bytes);
  }
  return values;
}

/** Checks the YAML (see {@link parseSecretsYaml}) and encrypts it as it is, comments included. */
export function encryptSecretsYaml(
  text: string,
  key: Buffer,
  source: string,
): { bytes: Buffer; names: string[] } {
  const names = [...parseSecretsYaml(text, source).keys()];
  return { bytes: encrypt(Buffer.from(text, 'utf8'), key), names };
}

/**
 * Reads the operator's encrypted secrets file (BACKUP_SECRETS_FILE): the values restore puts into secrets
 * that no longer exist. `source` names the file in errors. Throws a {@link SecretsFileError} saying what is wrong: the file is missing, not
 * encrypted, no key or the wrong key, not a map, a value that is not a string.
 */
export async function readSecretsFile(
  path: string,
  key: Buffer | null | undefined,
  options: { source?: string } = {},
): Promise<Map<string, Buffer>> {
  const source = options.source ?? `BACKUP_SECRETS_FILE ${path}`;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(error)})`;
    throw new SecretsFileError(`${source} ${reason}`, { cause: error });
  }
  let plain: Buffer;
  try {
    plain = decrypt(bytes, key);
  } catch (error) {
    if (!isArchiveCryptoError(error)) throw error;
    const messages: Record<typeof error.reason, string> = {
      'key-missing': `${source} is encrypted but BACKUP_ENCRYPTION_KEY is not set`,
      'not-encrypted': `${source} is not encrypted: encrypt it with \`node apps/backup/dist/bin/secrets-file.js encrypt <in.yaml> <out.enc>\``,
      'decrypt-failed': `cannot decrypt ${source}: wrong BACKUP_ENCRYPTION_KEY or a damaged file`,
      'bad-key': `${source}: BACKUP_ENCRYPTION_KEY must be 32 bytes`,
    };
    throw new SecretsFileError(messages[error.reason], { cause: error });
  }
  return parseSecretsYaml(plain.toString('utf8'), source);
}
