import type { CallerPrincipal, TrackedCall } from '../mcp/ports.js';

export type { TrackedCall };

type RequestId = string | number;

/** Entries live at most this long even if a call never reaches its handler to release them. */
const MAX_AGE_MS = 10 * 60_000;

/**
 * Tool calls in flight over stateless Streamable HTTP. On the 2025 protocol revisions a client
 * cancels with a `notifications/cancelled` POST, which reaches a fresh server instance that knows
 * nothing of the call; this registry lets that POST abort the call it names. Calls are keyed by
 * the principal and the JSON-RPC id, so a caller can only cancel its own calls; when two calls of
 * one principal share an id (two sessions of one token), the notice is ambiguous and is ignored.
 */
export function createInFlightCalls() {
  const calls = new Map<string, Set<AbortController>>();
  const keyOf = (principal: CallerPrincipal, id: RequestId) =>
    JSON.stringify([principal.id, principal.tokenId ?? null, principal.clientId ?? null, typeof id, id]);
  return {
    track(principal: CallerPrincipal, id: RequestId): TrackedCall {
      const key = keyOf(principal, id);
      const controller = new AbortController();
      const set = calls.get(key) ?? new Set<AbortController>();
      set.add(controller);
      calls.set(key, set);
      const release = () => {
        clearTimeout(timer);
        set.delete(controller);
        if (set.size === 0 && calls.get(key) === set) calls.delete(key);
      };
      const timer = setTimeout(release, MAX_AGE_MS);
      timer.unref();
      return { signal: controller.signal, release };
    },
    /** Aborts the one call of `principal` with this id; returns whether one was aborted. */
    cancel(principal: CallerPrincipal, id: RequestId, reason: unknown): boolean {
      const set = calls.get(keyOf(principal, id));
      const [only, ...others] = set === undefined ? [] : [...set];
      if (only === undefined || others.length > 0) return false;
      only.abort(reason);
      return true;
    },
    /** Calls tracked now (tests). */
    size: () => [...calls.values()].reduce((n, s) => n + s.size, 0),
  };
}
export type InFlightCalls = ReturnType<typeof createInFlightCalls>;

interface JsonRpcMessage {
  jsonrpc?: unknown;
  id?: unknown;
  method?: unknown;
  params?: { requestId?: unknown; reason?: unknown };
}

const isId = (v: unknown): v is RequestId => typeof v === 'string' || typeof v === 'number';

/** What a single JSON-RPC message in a POST body means for {@link createInFlightCalls}. */
export function classifyForCancellation(
  body: unknown,
): { kind: 'call'; id: RequestId } | { kind: 'cancel'; id: RequestId; reason: unknown } | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const msg = body as JsonRpcMessage;
  if (msg.method === 'tools/call' && isId(msg.id)) return { kind: 'call', id: msg.id };
  if (msg.method === 'notifications/cancelled' && isId(msg.params?.requestId))
    return { kind: 'cancel', id: msg.params.requestId, reason: msg.params.reason ?? 'cancelled' };
  return undefined;
}
