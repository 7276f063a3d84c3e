/**
 * The logging surface the bus needs: pino's `(fields, message)` signature, so a pino logger
 * (or a child of one) can be passed as is.
 */
export interface BusLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const noop = (): void => undefined;

/** A logger that drops everything; the default when none is given. */
export const silentLogger: BusLogger = { debug: noop, info: noop, warn: noop, error: noop };

/** The message of any thrown value, for log fields. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
