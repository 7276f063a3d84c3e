import type { DeploymentSummary, QueryData, QueryRequest } from '@swarmops/contracts';

/** One sample of an instant query. */
export interface PromSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** One series of a range query: `[unixSeconds, value]` points, oldest first (NaN kept as NaN). */
export interface PromSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly points: ReadonlyArray<readonly [number, number]>;
}

/** The caps query_metrics applies (METRICS_MAX_SERIES, METRICS_MAX_POINTS). */
export interface QueryCaps {
  readonly maxSeries: number;
  readonly maxPoints: number;
}

/**
 * The Prometheus HTTP API as the analysis sees it. Failures are AppErrors: `UNAVAILABLE` when Prometheus
 * cannot be reached or answers 5xx (the message names PROMETHEUS_URL), `TIMEOUT` when a query runs out of
 * time, `INVALID_REQUEST` naming `promql` when Prometheus refuses the query (bad_data).
 */
export interface PromClient {
  /** The URL in use, for messages. */
  readonly url: string;
  /** `GET /api/v1/query`; `at` in unix seconds (default now). Scalars come back as one sample with no labels. */
  instant(promql: string, at?: number): Promise<PromSample[]>;
  /** `GET /api/v1/query_range`. */
  range(promql: string, start: number, end: number, stepSeconds: number): Promise<PromSeries[]>;
  /** query_metrics: instant or range, resolved times and step, cut at the caps and flagged `truncated`. */
  query(request: QueryRequest, caps: QueryCaps): Promise<QueryData>;
  /** Resolves when `/-/ready` answers 200; rejects like the queries do. */
  ready(): Promise<void>;
}

/** The deployer's history, for correlation: deployments that started at or after `since`, newest first. */
export interface DeploymentSource {
  since(since: Date, filter: { readonly stacks?: readonly string[] }): Promise<DeploymentSummary[]>;
}
