import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** HTTP status for each string error code shared with `@swarmops/contracts`' `ErrorCode`. */
export const HTTP_STATUS_BY_CODE: Readonly<Record<string, ContentfulStatusCode>> = {
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
};

/** The JSON body of every HTTP error response, the same shape as a failed NATS reply. */
export interface HttpErrorBody {
  ok: false;
  error: { code: string; message: string; details?: unknown };
}

/**
 * An error that becomes an HTTP response: throw it from a route and {@link createHttpApp}'s
 * `onError` turns it into `status` with an {@link HttpErrorBody}. The status defaults from `code`.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly details: unknown;

  constructor(
    code: string,
    message: string,
    options: { status?: ContentfulStatusCode; details?: unknown; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = options.status ?? HTTP_STATUS_BY_CODE[code] ?? 500;
    this.details = options.details;
  }
}

/**
 * Translate anything thrown into an {@link HttpError}: an `HttpError` as is; hono's `HTTPException`
 * by its status; an error with a known string `code` (an `AppError` from contracts) by that code;
 * anything else as `INTERNAL` with a generic message, so internals never leak to the caller.
 */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof HTTPException) {
    const code = Object.keys(HTTP_STATUS_BY_CODE).find((c) => HTTP_STATUS_BY_CODE[c] === err.status);
    return new HttpError(code ?? 'INVALID_REQUEST', err.message, { status: err.status, cause: err });
  }
  if (
    err instanceof Error &&
    'code' in err &&
    typeof err.code === 'string' &&
    err.code in HTTP_STATUS_BY_CODE
  ) {
    const details = 'details' in err ? err.details : undefined;
    return new HttpError(err.code, err.message, { details, cause: err });
  }
  return new HttpError('INTERNAL', 'internal error', { cause: err });
}

/** The response body for an {@link HttpError}. */
export function httpErrorBody(err: HttpError): HttpErrorBody {
  const error =
    err.details === undefined
      ? { code: err.code, message: err.message }
      : { code: err.code, message: err.message, details: err.details };
  return { ok: false, error };
}
