/**
 * A failure the CLI reports to the user: what failed, where to look, and the exit code.
 * Anything else thrown is a bug and is printed with its stack.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly logFile: string | undefined;
  readonly exitCode: number;

  constructor(message: string, options: { logFile?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.logFile = options.logFile;
    this.exitCode = options.exitCode ?? 1;
  }
}

export function isCliError(err: unknown): err is CliError {
  return err instanceof CliError;
}
