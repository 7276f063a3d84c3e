import { AppError, ErrorCode } from '@swarmops/contracts';
import type { PromEnvelope } from './api-schemas.js';

/** The query_metrics field a Prometheus `bad_data` message is about (`promql` unless it names a parameter). */
export type QueryField = 'promql' | 'start' | 'end' | 'step';

/** `UNAVAILABLE`: Prometheus cannot be reached, or answered as something that is not a working Prometheus. */
export function promUnreachable(url: string, why: string, cause?: unknown): AppError {
  return new AppError(
    ErrorCode.UNAVAILABLE,
    `Prometheus at ${url} is unreachable: ${why}; check PROMETHEUS_URL`,
    { cause, details: { url } },
  );
}

/** `TIMEOUT`: no answer within the query timeout (METRICS_QUERY_TIMEOUT_MS). */
export function promTimedOut(url: string, timeoutMs: number, cause?: unknown): AppError {
  return new AppError(
    ErrorCode.TIMEOUT,
    `Prometheus at ${url} did not answer within ${timeoutMs} ms (METRICS_QUERY_TIMEOUT_MS); try a shorter range or a simpler query`,
    { cause, details: { url, timeoutMs } },
  );
}

/** `INVALID_REQUEST` naming the field, in the words parseOrThrow uses (`invalid field \`promql\`: ...`). */
export function queryRefused(field: QueryField, message: string): AppError {
  return new AppError(ErrorCode.INVALID_REQUEST, `invalid field \`${field}\`: ${message}`, {
    details: { field, issues: [{ path: field, message }] },
  });
}

/** `INVALID_REQUEST` naming the field, with Prometheus's own words. */
export function promRefused(field: QueryField, error: string): AppError {
  return queryRefused(field, `Prometheus refused the query: ${error}`);
}

function errorCode(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if ('code' in value && typeof value.code === 'string') return value.code;
  if ('errors' in value && Array.isArray(value.errors)) return errorCode(value.errors[0]);
  return undefined;
}

/** Why a `fetch` call failed, as words: the system error code (ECONNREFUSED, ENOTFOUND, ...) when there is one. */
function failureReason(err: unknown): string {
  const cause = err instanceof Error ? err.cause : undefined;
  const code = errorCode(cause) ?? errorCode(err);
  const message = cause instanceof Error && cause.message !== '' ? cause.message : String(err);
  return code !== undefined && !message.includes(code) ? `${code} ${message}` : message;
}

/** A rejected `fetch` as an AppError: the abort of our timeout is `TIMEOUT`, anything else `UNAVAILABLE`. */
export function fromFetchFailure(url: string, timeoutMs: number, err: unknown): AppError {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return promTimedOut(url, timeoutMs, err);
  }
  return promUnreachable(url, failureReason(err), err);
}

/** The field a `bad_data` message is about: Prometheus names the parameter (`invalid parameter "start"`). */
export function fieldOf(error: string): QueryField {
  const param = /invalid parameter "(query|start|end|step|time)"/.exec(error)?.[1];
  if (param === 'query') return 'promql';
  if (param === 'start' || param === 'end' || param === 'step') return param;
  if (param === 'time') return 'end';
  if (/maximum resolution/i.test(error)) return 'step';
  if (/end timestamp must not be before start/i.test(error)) return 'end';
  return 'promql';
}

/**
 * A non-2xx answer as an AppError. Prometheus says what went wrong in `errorType`: `bad_data` (400) and
 * `execution` (422) are the caller's query; `timeout` (503) its evaluation running out of time; anything
 * else (5xx, or an answer that is not Prometheus's JSON) means Prometheus is not usable at that URL.
 */
export function fromErrorReply(
  url: string,
  status: number,
  envelope: PromEnvelope | undefined,
  bodyText: string,
): AppError {
  const error = envelope?.error ?? '';
  switch (envelope?.errorType) {
    case 'bad_data':
      return promRefused(fieldOf(error), error);
    case 'execution':
      return promRefused('promql', error);
    case 'timeout':
      return new AppError(ErrorCode.TIMEOUT, `Prometheus at ${url} gave up on the query: ${error}`, {
        details: { url },
      });
    default: {
      const said =
        envelope === undefined ? bodyText.trim().slice(0, 200) : `${envelope.errorType ?? 'error'}: ${error}`;
      const hint = status === 404 ? ' (is that a Prometheus server?)' : '';
      return promUnreachable(url, `HTTP ${status}${said === '' ? '' : ` ${said}`}${hint}`);
    }
  }
}
