import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { logFile } from '../context.js';
import { run } from '../adapters/run.js';
import { which } from '../adapters/which.js';

export function pnpm(): string {
  const bin = which('pnpm');
  if (bin === undefined)
    throw new CliError('pnpm is not installed (npm i -g pnpm@12.4.2; ./swarmops does this)');
  return bin;
}

/** Builds the workspace (or a turbo filter of it) quietly; the output goes to .swarmops/logs/build.log. */
export async function buildWorkspace(ctx: Context, filter?: string): Promise<void> {
  const log = logFile(ctx, 'build');
  const args = [
    'turbo',
    'run',
    'build',
    '--output-logs=errors-only',
    ...(filter ? [`--filter=${filter}`] : []),
  ];
  const result = await run(pnpm(), args, { cwd: ctx.root, output: { logFile: log } });
  if (result.code !== 0) throw new CliError(`pnpm ${args.join(' ')} failed`, { logFile: log });
}
