import { CliError } from '../cli-error.js';

/** `mcp` and `token` belong to issue #4; until the gateway exists they fail with exit code 2. */
export function notBuiltYet(): never {
  throw new CliError('the MCP gateway is not built yet (issue #4)', { exitCode: 2 });
}
