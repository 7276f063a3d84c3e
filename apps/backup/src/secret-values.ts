import { errorMessage } from '@swarmops/bus';
import { AppError, ErrorCode } from '@swarmops/contracts';
import type { ReadSecretValues } from './ports.js';

/** Options of {@link createSecretValuesReader}. */
export interface SecretValuesOptions {
  /** BACKUP_SECRETS_FILE, or undefined when the operator gave none. */
  path: string | undefined;
  /** BACKUP_ENCRYPTION_KEY: the secrets file is encrypted with it. */
  key: Buffer | undefined;
  /** Reads and decrypts the file (the archive module's `readSecretsFile`). */
  read: (path: string, key: Buffer) => Promise<Map<string, Buffer>>;
}

/**
 * Reads the operator's secret values afresh at every verify and restore (the file can change while the service
 * runs). No file configured: no values, and the plan skips secrets that do not exist live. A file that cannot be
 * read fails the request with UNAVAILABLE naming the variable; values never appear in a message.
 */
export function createSecretValuesReader({ path, key, read }: SecretValuesOptions): ReadSecretValues {
  return async () => {
    if (path === undefined) return new Map();
    if (key === undefined) {
      throw new AppError(
        ErrorCode.UNAVAILABLE,
        'BACKUP_SECRETS_FILE is set but BACKUP_ENCRYPTION_KEY is not: the secrets file is encrypted with that key',
      );
    }
    try {
      return await read(path, key);
    } catch (err) {
      throw new AppError(ErrorCode.UNAVAILABLE, `BACKUP_SECRETS_FILE ${path}: ${errorMessage(err)}`, {
        cause: err,
        details: { variable: 'BACKUP_SECRETS_FILE' },
      });
    }
  };
}
