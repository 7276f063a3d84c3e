import { existsSync, readFileSync } from 'node:fs';
import { createTokenStore } from '@swarmops/auth';
import type { TokenStore } from '@swarmops/auth';
import { isAppError } from '@swarmops/contracts';
import { createPool } from '@swarmops/db';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { parseEnvFile } from '../domain/env-file.js';

/** DATABASE_URL from the environment, else from `.swarmops/env` (written by `up`). */
export function resolveDatabaseUrl(ctx: Context, env: NodeJS.ProcessEnv = process.env): string {
  if (env.DATABASE_URL) return env.DATABASE_URL;
  if (existsSync(ctx.envFile)) {
    const url = parseEnvFile(readFileSync(ctx.envFile, 'utf8')).DATABASE_URL;
    if (url) return url;
  }
  throw new CliError(`DATABASE_URL is not set and ${ctx.envFile} has none: run ./swarmops up first`);
}

/**
 * Runs `fn` with a token store on the platform database, then closes the pool. Store errors
 * (bad role, unknown prefix) become CliErrors with the store's message; the URL is never printed.
 */
export async function withTokenStore<T>(
  databaseUrl: string,
  fn: (store: TokenStore) => Promise<T>,
): Promise<T> {
  const pool = createPool({ url: databaseUrl, applicationName: 'swarmops-cli', max: 2 });
  const store = createTokenStore(pool);
  try {
    return await fn(store);
  } catch (err) {
    if (isAppError(err)) throw new CliError(err.message, { cause: err });
    if (err instanceof Error && 'code' in err && err.code === '42P01') {
      throw new CliError('the api_tokens table is missing: run ./swarmops up to apply the migrations', {
        cause: err,
      });
    }
    if (err instanceof Error && /ECONNREFUSED|connect/i.test(err.message)) {
      throw new CliError('PostgreSQL is not reachable: run ./swarmops up', { cause: err });
    }
    throw err;
  } finally {
    await store.flush();
    await pool.end();
  }
}
