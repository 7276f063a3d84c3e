import { AppError, ErrorCode, describeZodError, fail, isAppError, ok } from '@swarmops/contracts';
import type { Reply } from '@swarmops/contracts';
import { decodeJson } from '../codec.js';
import { errorMessage } from '../logger.js';
import type { RpcContext, RpcEndpoint } from './endpoint.js';

/**
 * Runs one request through an endpoint and returns the reply envelope; never throws.
 *
 * Order matters: the payload is parsed and validated against the request schema before the
 * handler runs, so a bad request never reaches it. The handler's result is validated against the
 * data schema; a mismatch is the service's fault (`INTERNAL`), never the caller's.
 */
export async function handleRequest(
  endpoint: RpcEndpoint,
  payload: Uint8Array,
  ctx: RpcContext,
): Promise<Reply<unknown>> {
  const { contract, handler } = endpoint;
  const decoded = decodeJson(payload);
  if (!decoded.ok) {
    return fail(ErrorCode.INVALID_REQUEST, `request to ${contract.subject}: ${decoded.reason}`);
  }
  const parsed = contract.request.safeParse(decoded.value);
  if (!parsed.success) {
    const { message, details } = describeZodError(parsed.error);
    return fail(ErrorCode.INVALID_REQUEST, `request to ${contract.subject}: ${message}`, details);
  }

  let result: unknown;
  try {
    result = await handler(parsed.data, ctx);
  } catch (err) {
    if (isAppError(err)) {
      if (err.code === ErrorCode.INTERNAL)
        ctx.logger.error({ err: errorMessage(err.cause ?? err) }, 'handler failed');
      return { ok: false, error: err.toBody() };
    }
    ctx.logger.error(
      { err: errorMessage(err), stack: err instanceof Error ? err.stack : undefined },
      'handler threw',
    );
    return fail(ErrorCode.INTERNAL, 'internal error');
  }

  const checked = contract.data.safeParse(result);
  if (!checked.success) {
    const { message, details } = describeZodError(checked.error);
    ctx.logger.error({ issues: details.issues }, 'handler returned data that breaks its contract');
    return fail(ErrorCode.INTERNAL, `reply from ${contract.subject} broke its contract: ${message}`);
  }
  return ok(checked.data);
}

/** The error of a failed reply as an AppError (for logs and span status). */
export function replyError(reply: Reply<unknown>): AppError | undefined {
  return reply.ok
    ? undefined
    : new AppError(reply.error.code, reply.error.message, { details: reply.error.details });
}
