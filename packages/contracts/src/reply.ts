import { z } from 'zod';
import { ErrorBodySchema, type ErrorBody, type ErrorCode } from './errors.js';

/** The reply envelope of every request/reply subject: `{ ok: true, data }` or `{ ok: false, error }`. */
export function replySchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ErrorBodySchema }),
  ]);
}

export type Reply<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** A successful reply. */
export function ok<T>(data: T): Reply<T> {
  return { ok: true, data };
}

/** A failed reply with a stable code. */
export function fail(code: ErrorCode, message: string, details?: unknown): Reply<never> {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}
