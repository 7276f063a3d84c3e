import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { parseEnvFile } from '../domain/env-file.js';

/** The stdio entry of the MCP gateway, relative to the repo root. */
export const MCP_STDIO_ENTRY = 'apps/mcp-gateway/dist/stdio.js';

/**
 * The child's environment: ours, plus `.swarmops/env` for anything unset, plus SWARMOPS_TOKEN
 * from `.swarmops/admin.token` when the caller did not set one.
 */
export function mcpEnv(ctx: Context, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const fromFile = existsSync(ctx.envFile) ? parseEnvFile(readFileSync(ctx.envFile, 'utf8')) : {};
  const merged: NodeJS.ProcessEnv = { ...fromFile, ...env };
  if (!merged.SWARMOPS_TOKEN && existsSync(ctx.adminTokenFile)) {
    merged.SWARMOPS_TOKEN = readFileSync(ctx.adminTokenFile, 'utf8').trim();
  }
  if (!merged.SWARMOPS_TOKEN) {
    throw new CliError(
      `no token: set SWARMOPS_TOKEN, or run ./swarmops up once to create ${ctx.adminTokenFile}`,
      { exitCode: 2 },
    );
  }
  return merged;
}

/**
 * `swarmops mcp`: the MCP server on stdio. Runs the gateway's stdio entry with inherited stdio
 * (stdout carries the protocol, so nothing else may write there) and returns its exit code.
 */
export async function mcpCommand(ctx: Context): Promise<number> {
  const entry = path.join(ctx.root, MCP_STDIO_ENTRY);
  if (!existsSync(entry)) {
    throw new CliError(
      `${MCP_STDIO_ENTRY} is missing: build the gateway (pnpm turbo run build --filter=@swarmops/mcp-gateway, or ./swarmops up)`,
      { exitCode: 2 },
    );
  }
  const env = mcpEnv(ctx);
  const child = spawn(process.execPath, [entry], { cwd: ctx.root, env, stdio: 'inherit' });
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    return await new Promise<number>((resolve, reject) => {
      child.once('error', (err) =>
        reject(new CliError(`could not start ${MCP_STDIO_ENTRY}: ${err.message}`)),
      );
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}
