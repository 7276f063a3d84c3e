import { z } from 'zod';

/**
 * The closed set of error codes a Swarmops reply, event or tool result may carry.
 * Translated once at each edge: NATS reply, HTTP response, MCP tool result.
 */
export const ErrorCode = {
  INVALID_REQUEST: 'INVALID_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  UNAVAILABLE: 'UNAVAILABLE',
  TIMEOUT: 'TIMEOUT',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ErrorCodeSchema = z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]);

/** The `error` member of a failed reply: a stable code, a human message, optional structured details. */
export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** Options of an {@link AppError}: the underlying cause and structured details safe to show a caller. */
export interface AppErrorOptions {
  cause?: unknown;
  details?: unknown;
}

/**
 * The one error type of the platform. Anything else thrown is reported as `INTERNAL`.
 *
 * @example
 * throw new AppError('NOT_FOUND', 'service api not found', { details: { service: 'api' } });
 */
export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }

  /** The wire form of this error; never includes the cause, which may hold internals. */
  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** True for an {@link AppError}, also across duplicated module copies. */
export function isAppError(value: unknown): value is AppError {
  return (
    value instanceof AppError || (value instanceof Error && value.name === 'AppError' && 'code' in value)
  );
}

/** Any thrown value as an AppError: AppErrors pass through, everything else becomes `INTERNAL`. */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return value;
  return new AppError(ErrorCode.INTERNAL, 'internal error', { cause: value });
}
