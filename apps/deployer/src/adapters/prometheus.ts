import { AppError } from '@swarmops/contracts';

/** Evaluates one PromQL instant query; the canary watch uses it. */
export type PrometheusQuery = (query: string) => Promise<number | null>;

/**
 * Creates a query function over the Prometheus HTTP API (`/api/v1/query`). Returns the first sample's
 * value, or null when the result is empty. Times out after `timeoutMs`.
 */
export function createPrometheusQuery(baseUrl: string, timeoutMs = 5000): PrometheusQuery {
  return async (query) => {
    const url = new URL('/api/v1/query', baseUrl);
    url.searchParams.set('query', query);
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json()) as {
      status: string;
      error?: string;
      data?: { resultType: string; result: unknown };
    };
    if (body.status !== 'success' || body.data === undefined) {
      throw new AppError('UNAVAILABLE', `Prometheus query failed: ${body.error ?? res.statusText}`);
    }
    const { resultType, result } = body.data;
    if (resultType === 'scalar') return Number((result as [number, string])[1]);
    const vector = result as { value: [number, string] }[];
    const first = vector[0];
    return first === undefined ? null : Number(first.value[1]);
  };
}
