import { spawn } from 'node:child_process';
import { AppError } from '@swarmops/contracts';
import { findPgDump } from './find-pg-dump.js';

/** Options of {@link pgDump}. */
export interface PgDumpOptions {
  /** The database to dump, `postgres://user:password@host:port/db`. */
  databaseUrl: string;
  /** `BACKUP_PG_DUMP`; found on PATH or under /usr/lib/postgresql when unset. */
  pgDumpPath?: string | undefined;
  /** Milliseconds the dump may take before it is killed (default 10 minutes). */
  timeoutMs?: number;
}

// stderr kept for the error message: enough for pg_dump's own diagnostics, bounded for a runaway child.
const MAX_STDERR_BYTES = 16 * 1024;

/**
 * Dumps the database in pg_dump's custom format (`-Fc`, restorable with pg_restore). The password goes to
 * the child through PGPASSWORD, never on its command line, where `ps` would show it.
 *
 * @throws AppError UNAVAILABLE with pg_dump's stderr when it cannot start or fails.
 */
export async function pgDump({
  databaseUrl,
  pgDumpPath,
  timeoutMs = 10 * 60_000,
}: PgDumpOptions): Promise<Buffer> {
  const binary = findPgDump({ configured: pgDumpPath });
  const { dbname, password } = splitPassword(databaseUrl);
  const env = { ...process.env, ...(password === null ? {} : { PGPASSWORD: password }) };
  const child = spawn(binary, ['--format=custom', '--no-password', `--dbname=${dbname}`], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => {
    if (stderr.length < MAX_STDERR_BYTES) stderr += chunk.toString('utf8');
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (exitCode) => resolve(exitCode));
    });
    if (code !== 0) {
      const why = code === null ? `was killed after ${timeoutMs} ms or by a signal` : `exited with ${code}`;
      throw new AppError('UNAVAILABLE', `pg_dump (${binary}) ${why}: ${stderr.trim() || 'no output'}`, {
        details: { binary, exitCode: code, stderr: stderr.trim() },
      });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'UNAVAILABLE',
      `pg_dump (${binary}) could not start: ${String(error)}; set BACKUP_PG_DUMP`,
      {
        cause: error,
        details: { binary, variable: 'BACKUP_PG_DUMP' },
      },
    );
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(stdout);
}

/** The URL without its password (for `--dbname`) and the decoded password (for PGPASSWORD). */
export function splitPassword(databaseUrl: string): { dbname: string; password: string | null } {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch (cause) {
    throw new AppError('INVALID_REQUEST', 'DATABASE_URL is not a valid postgres:// URL', { cause });
  }
  const password = url.password === '' ? null : decodeURIComponent(url.password);
  url.password = '';
  return { dbname: url.toString(), password };
}
