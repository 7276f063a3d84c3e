/** What one POST to a webhook came to. */
export interface WebhookResult {
  /** Scheme, host and port only: webhook paths carry secrets (Slack's do). */
  target: string;
  ok: boolean;
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** The part of a webhook URL safe to log. */
export function redactUrl(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid url)';
  }
}

/**
 * POSTs `body` as JSON to `url` within `timeoutMs`. Never throws: a refused connection, a timeout or a non-2xx
 * answer is an unsuccessful result.
 */
export async function postWebhook(
  url: string,
  body: unknown,
  options: { timeoutMs: number; fetch: typeof fetch },
): Promise<WebhookResult> {
  const started = performance.now();
  const target = redactUrl(url);
  const done = (ok: boolean, status: number | null, error: string | null): WebhookResult => ({
    target,
    ok,
    status,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  try {
    const response = await options.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'swarmops-health' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
    await response.body?.cancel();
    return done(response.ok, response.status, response.ok ? null : `HTTP ${response.status}`);
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError')
      return done(false, null, `no answer within ${options.timeoutMs} ms`);
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return done(false, null, `${error instanceof Error ? error.message : String(error)}${cause}`);
  }
}
