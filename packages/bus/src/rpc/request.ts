import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { headers as natsHeaders, NoRespondersError, RequestError, TimeoutError } from '@nats-io/nats-core';
import type { Msg, NatsConnection } from '@nats-io/nats-core';
import { AppError, ErrorCode, describeZodError, isAppError, parseOrThrow } from '@swarmops/contracts';
import type { RpcContract, RpcData, RpcInput } from '@swarmops/contracts';
import { decodeJson, encodeJson } from '../codec.js';
import { injectTraceContext } from '../trace.js';

/** Options for {@link request}. */
export interface RequestOptions {
  /** Milliseconds to wait for the reply. Default 5000. */
  timeoutMs?: number;
  /**
   * Stops the waiting: when it fires (or has already fired), the returned promise rejects at once
   * with `TIMEOUT` "request to <subject> cancelled by the caller". An already-aborted signal sends
   * nothing. A request already sent is not withdrawn: the responder still runs to the end, and its
   * reply (or the NATS timeout) is ignored.
   */
  signal?: AbortSignal;
}

const tracer = trace.getTracer('@swarmops/bus');

/**
 * Sends a typed request and returns the reply data, or throws an `AppError`:
 * - the input is validated first (`INVALID_REQUEST` naming the field; nothing is sent);
 * - no service listening -> `UNAVAILABLE`; no reply in time -> `TIMEOUT`;
 * - the caller's `signal` aborts -> `TIMEOUT` at once, naming the cancellation (see {@link RequestOptions.signal});
 * - a reply that breaks the contract -> `INTERNAL`;
 * - `{ ok: false, error }` -> an AppError with the remote code, message and details.
 *
 * The W3C trace context of a client span named after the subject travels in the headers.
 *
 * @example const { items } = await request(nc, NodesList, { role: 'manager' }, { timeoutMs: 2000 });
 * @example
 * // Give up waiting when the caller goes away; the service still finishes the operation.
 * await request(nc, NodesList, {}, { timeoutMs: 2000, signal: AbortSignal.timeout(500) });
 */
export async function request<C extends RpcContract>(
  nc: NatsConnection,
  contract: C,
  input: RpcInput<C>,
  { timeoutMs = 5000, signal }: RequestOptions = {},
): Promise<RpcData<C>> {
  const subject = contract.subject;
  parseOrThrow(contract.request, input, `request to ${subject}`);
  if (signal?.aborted === true) throw cancelledError(subject, signal);
  const span = tracer.startSpan(subject, {
    kind: SpanKind.CLIENT,
    attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject },
  });
  try {
    const h = natsHeaders();
    injectTraceContext(h, trace.setSpan(context.active(), span));
    const reply = send(nc, subject, encodeJson(input), h, timeoutMs);
    const msg = await (signal === undefined ? reply : untilAborted(reply, signal, subject));
    return readReply(contract, msg);
  } catch (err) {
    const appErr = isAppError(err) ? err : new AppError(ErrorCode.INTERNAL, 'request failed', { cause: err });
    span.setStatus({ code: SpanStatusCode.ERROR, message: appErr.code });
    span.setAttribute('swarmops.error.code', appErr.code);
    throw appErr;
  } finally {
    span.end();
  }
}

async function send(
  nc: NatsConnection,
  subject: string,
  payload: Uint8Array,
  headers: ReturnType<typeof natsHeaders>,
  timeoutMs: number,
): Promise<Msg> {
  try {
    return await nc.request(subject, payload, { timeout: timeoutMs, headers });
  } catch (err) {
    throw toTransportError(err, subject, timeoutMs);
  }
}

/**
 * Settles with `work`, or rejects with the cancellation as soon as `signal` fires. The abandoned
 * `work` keeps running; its outcome is ignored (and its rejection never goes unhandled).
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal, subject: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError(subject, signal));
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function cancelledError(subject: string, signal: AbortSignal): AppError {
  return new AppError(ErrorCode.TIMEOUT, `request to ${subject} cancelled by the caller`, {
    cause: signal.reason,
  });
}

/** Maps a nats.js request failure onto an AppError code. */
export function toTransportError(err: unknown, subject: string, timeoutMs: number): AppError {
  const cause = err instanceof RequestError && err.cause ? err.cause : err;
  if (cause instanceof NoRespondersError || (err instanceof RequestError && err.isNoResponders())) {
    return new AppError(ErrorCode.UNAVAILABLE, `no service is answering ${subject}`, { cause: err });
  }
  if (cause instanceof TimeoutError) {
    return new AppError(ErrorCode.TIMEOUT, `no reply from ${subject} within ${timeoutMs} ms`, { cause: err });
  }
  return new AppError(ErrorCode.UNAVAILABLE, `request to ${subject} failed: ${String(err)}`, { cause: err });
}

function readReply<C extends RpcContract>(contract: C, msg: Msg): RpcData<C> {
  const subject = contract.subject;
  const decoded = decodeJson(msg.data);
  if (!decoded.ok) {
    const serviceError = msg.headers?.get('Nats-Service-Error');
    const detail = serviceError ? `service error: ${serviceError}` : decoded.reason;
    throw new AppError(ErrorCode.INTERNAL, `reply from ${subject} is not a reply envelope (${detail})`);
  }
  const parsed = contract.reply.safeParse(decoded.value);
  if (!parsed.success) {
    const { message, details } = describeZodError(parsed.error);
    throw new AppError(ErrorCode.INTERNAL, `reply from ${subject} broke its contract: ${message}`, {
      details,
    });
  }
  const reply = parsed.data as
    | { ok: true; data: RpcData<C> }
    | { ok: false; error: { code: ErrorCode; message: string; details?: unknown } };
  if (reply.ok) return reply.data;
  throw new AppError(reply.error.code, reply.error.message, { details: reply.error.details });
}
