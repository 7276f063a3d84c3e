import { ErrorCode } from '@swarmops/contracts';

const STATUS: Record<ErrorCode, number> = {
  [ErrorCode.INVALID_REQUEST]: 400,
  [ErrorCode.UNAUTHORIZED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.INTERNAL]: 500,
  [ErrorCode.UNAVAILABLE]: 503,
  [ErrorCode.TIMEOUT]: 504,
};

/** The numeric `Nats-Service-Error-Code` for an error code (HTTP-like, as `nats micro` tools expect). */
export function serviceErrorStatus(code: ErrorCode): number {
  return STATUS[code];
}
