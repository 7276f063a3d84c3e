import { AppError, ErrorCode, isAppError } from '@swarmops/contracts';
import { PromEnvelopeSchema, type PromEnvelope } from './api-schemas.js';
import { fromErrorReply, fromFetchFailure, queryRefused, promUnreachable } from './errors.js';

export interface PromHttpOptions {
  /** The Prometheus base URL (a path prefix is kept: `http://host/prometheus`). */
  readonly url: string;
  /** Milliseconds one request may take; also sent as the query's `timeout` so Prometheus stops evaluating. */
  readonly timeoutMs: number;
  readonly fetch?: typeof globalThis.fetch;
  /** The largest reply body read (default 32 MiB); a larger result is refused, naming `promql`. */
  readonly maxResponseBytes?: number;
}

/** A successful API answer: its `data` (still to be parsed) and `warnings`. */
export interface PromReply {
  readonly data: unknown;
  readonly warnings: readonly string[];
}

/** The two requests the client makes: a form POST to a query endpoint, and the readiness GET. */
export interface PromHttp {
  readonly url: string;
  post(
    path: 'api/v1/query' | 'api/v1/query_range',
    form: Readonly<Record<string, string>>,
  ): Promise<PromReply>;
  ready(): Promise<void>;
}

/** The body as text, refused past `maxBytes` so one huge result cannot exhaust the service's memory. */
async function readText(res: Response, maxBytes: number): Promise<string> {
  if (res.body === null) return '';
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    bytes += chunk.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel();
      throw queryRefused(
        'promql',
        `the result is larger than ${maxBytes} bytes; narrow the selector, aggregate, or use a larger step`,
      );
    }
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

function parseEnvelope(text: string): PromEnvelope | undefined {
  try {
    const parsed = PromEnvelopeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Prometheus' HTTP API over `fetch`. Queries are POSTed form-encoded so long PromQL never meets a URL length
 * limit. Only query endpoints exist here: the client cannot change anything in Prometheus.
 */
export function createPromHttp({
  url,
  timeoutMs,
  fetch = globalThis.fetch,
  maxResponseBytes = 32 * 1024 * 1024,
}: PromHttpOptions): PromHttp {
  const base = url.replace(/\/+$/, '');
  const endpoint = (path: string) => `${base}/${path}`;

  const send = async (path: string, init: RequestInit): Promise<{ status: number; text: string }> => {
    try {
      const res = await fetch(endpoint(path), { ...init, signal: AbortSignal.timeout(timeoutMs) });
      return { status: res.status, text: await readText(res, maxResponseBytes) };
    } catch (err) {
      if (isAppError(err)) throw err;
      throw fromFetchFailure(base, timeoutMs, err);
    }
  };

  return {
    url: base,
    async post(path, form) {
      const body = new URLSearchParams({ ...form, timeout: String(timeoutMs / 1000) });
      const { status, text } = await send(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
      });
      const envelope = parseEnvelope(text);
      if (status < 200 || status > 299 || envelope?.status !== 'success') {
        if (status >= 200 && status <= 299 && envelope === undefined) {
          throw promUnreachable(base, `HTTP ${status} with a body that is not a Prometheus API reply`);
        }
        throw fromErrorReply(base, status, envelope, text);
      }
      return { data: envelope.data, warnings: envelope.warnings ?? [] };
    },
    async ready() {
      const { status, text } = await send('-/ready', { method: 'GET' });
      if (status !== 200)
        throw promUnreachable(base, `not ready (HTTP ${status} ${text.trim().slice(0, 200)})`);
    },
  };
}

/** An answer whose `data` does not have the shape the API documents: not something this client can use. */
export function unexpectedReply(url: string, what: string): AppError {
  return new AppError(ErrorCode.UNAVAILABLE, `Prometheus at ${url} answered ${what}; check PROMETHEUS_URL`, {
    details: { url },
  });
}
