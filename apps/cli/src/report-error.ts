import { readFileSync } from 'node:fs';
import { isCliError } from './cli-error.js';
import { warn } from './output.js';

const TAIL_LINES = 15;

function tail(file: string): string[] {
  try {
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    return lines.slice(-TAIL_LINES);
  } catch {
    return [];
  }
}

/**
 * Prints a failure: `swarmops <command>: <what failed>`, then the log to read and its last lines.
 * Returns the exit code to use. Errors that are not CliError are bugs and keep their stack.
 */
export function reportError(command: string, err: unknown): number {
  if (!isCliError(err)) {
    warn(
      `swarmops ${command}: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
    );
    return 1;
  }
  warn(`swarmops ${command}: ${err.message}`);
  if (err.logFile !== undefined) {
    warn(`  log: ${err.logFile} (last lines below)`);
    for (const line of tail(err.logFile)) warn(`  | ${line}`);
  }
  return err.exitCode;
}
