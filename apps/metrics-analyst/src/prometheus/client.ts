import type { QueryData } from '@swarmops/contracts';
import type { PromClient, PromSample, PromSeries } from '../ports.js';
import { PromResultSchema, parseSampleValue, type PromResult } from './api-schemas.js';
import { queryRefused } from './errors.js';
import { createPromHttp, unexpectedReply, type PromReply } from './http.js';
import { planQuery } from './query-plan.js';
import { capSeries, toSeries } from './shape.js';

export interface PromClientOptions {
  /** PROMETHEUS_URL. */
  readonly url: string;
  /** METRICS_QUERY_TIMEOUT_MS: one request's budget. */
  readonly timeoutMs: number;
  readonly fetch?: typeof globalThis.fetch;
  /** The largest reply body read (default 32 MiB). */
  readonly maxResponseBytes?: number;
  /** The clock, for query_metrics' default `end`. */
  readonly now?: () => Date;
}

/**
 * The {@link PromClient} over Prometheus' HTTP API: `POST /api/v1/query` and `/api/v1/query_range`
 * (form-encoded), replies checked with zod, failures as AppErrors (see ports.ts). Read-only: only query
 * endpoints are ever called.
 */
export function createPromClient({ now = () => new Date(), ...httpOptions }: PromClientOptions): PromClient {
  const http = createPromHttp(httpOptions);

  const result = (reply: PromReply): PromResult => {
    const parsed = PromResultSchema.safeParse(reply.data);
    if (!parsed.success) throw unexpectedReply(http.url, 'a query result that does not match its API');
    return parsed.data;
  };
  const at = (seconds: number) => String(seconds);

  return {
    url: http.url,

    async instant(promql, time) {
      const form: Record<string, string> = { query: promql };
      if (time !== undefined) form.time = at(time);
      const data = result(await http.post('api/v1/query', form));
      switch (data.resultType) {
        case 'vector':
          return data.result.flatMap((s): PromSample[] =>
            s.value === undefined ? [] : [{ labels: s.metric, value: parseSampleValue(s.value[1]) }],
          );
        case 'scalar':
          return [{ labels: {}, value: parseSampleValue(data.result[1]) }];
        default:
          throw queryRefused('promql', `expected an instant vector or a scalar, got a ${data.resultType}`);
      }
    },

    async range(promql, start, end, stepSeconds) {
      const form = { query: promql, start: at(start), end: at(end), step: at(stepSeconds) };
      const data = result(await http.post('api/v1/query_range', form));
      if (data.resultType !== 'matrix')
        throw unexpectedReply(http.url, `a ${data.resultType} to a range query`);
      return data.result.map((s): PromSeries => ({
        labels: s.metric,
        points: (s.values ?? []).map(([t, v]) => [t, parseSampleValue(v)] as const),
      }));
    },

    async query(request, caps): Promise<QueryData> {
      const plan = planQuery(request, caps.maxPoints, now().getTime() / 1000);
      const reply =
        plan.kind === 'instant'
          ? await http.post('api/v1/query', { query: plan.promql, time: at(plan.time) })
          : await http.post('api/v1/query_range', {
              query: plan.promql,
              start: at(plan.start),
              end: at(plan.end),
              step: at(plan.step),
            });
      const data = result(reply);
      const capped = capSeries(toSeries(data), caps.maxSeries, caps.maxPoints);
      return {
        resultType: data.resultType,
        series: capped.series,
        query:
          plan.kind === 'instant'
            ? { promql: plan.promql, start: null, end: plan.time, step: null }
            : { promql: plan.promql, start: plan.start, end: plan.end, step: plan.step },
        points: capped.points,
        truncated: capped.truncated,
        warnings: [...reply.warnings, ...capped.warnings],
      };
    },

    ready: () => http.ready(),
  };
}
