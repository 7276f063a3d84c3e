import { existsSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { logFile } from '../context.js';
import { run } from '../adapters/run.js';
import { say } from '../output.js';

/** Applies packages/db's committed migrations to DATABASE_URL; a failure fails `up` and `test`. */
export async function runMigrations(ctx: Context, databaseUrl: string): Promise<void> {
  const bin = path.join(ctx.root, 'packages/db/dist/bin/migrate.js');
  if (!existsSync(bin)) {
    throw new CliError(
      `${path.relative(ctx.root, bin)} is missing: packages/db did not build (pnpm turbo run build)`,
    );
  }
  const log = logFile(ctx, 'migrate');
  const result = await run(process.execPath, [bin], {
    cwd: ctx.root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    timeoutMs: 120_000,
    output: { logFile: log },
  });
  if (result.code !== 0)
    throw new CliError(`database migrations failed (exit ${result.code})`, { logFile: log });
  say('    postgres: migrations applied');
}
