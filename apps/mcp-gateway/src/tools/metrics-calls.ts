import { AppError, ErrorCode } from '@swarmops/contracts';
import type { RequestOptions } from '@swarmops/bus';
import { serviceStack } from './deployer-calls.js';
import type { ToolContext } from './tool.js';

/**
 * How long the gateway waits for an analysis or a service's usage: metrics-analyst runs a dozen
 * Prometheus queries (each bounded by its METRICS_QUERY_TIMEOUT_MS, 10 s by default) and reads the
 * deployer's history, so it gets at least this, even when MCP_REQUEST_TIMEOUT_MS is shorter.
 */
export const METRICS_ANALYZE_TIMEOUT_MS = 60_000;
/** How long one query_metrics call may take at least: one Prometheus query plus the bus round trip. */
export const METRICS_QUERY_TIMEOUT_MS = 20_000;

/** Bus options of an analysis or a service usage read. */
export function analyzeOptions(ctx: Pick<ToolContext, 'timeoutMs' | 'signal'>): RequestOptions {
  return { timeoutMs: Math.max(ctx.timeoutMs, METRICS_ANALYZE_TIMEOUT_MS), signal: ctx.signal };
}

/** Bus options of a query_metrics call. */
export function queryOptions(ctx: Pick<ToolContext, 'timeoutMs' | 'signal'>): RequestOptions {
  return { timeoutMs: Math.max(ctx.timeoutMs, METRICS_QUERY_TIMEOUT_MS), signal: ctx.signal };
}

/**
 * The stack an `analyze_metrics` call targets for a caller limited to stacks: a named stack outside the
 * scope (so the pipeline refuses naming it), else the named service's stack from inventory, else the named
 * stack. Without either the analysis covers the whole cluster, which the tool narrows to the caller's stacks
 * (`stacks` in the request), so the first of them is what is authorized.
 */
export function analysisStack(
  args: { service?: string | undefined; stack?: string | undefined },
  ctx: ToolContext,
  lookup: (ctx: ToolContext, service: string) => Promise<string | null> = serviceStack,
): Promise<string | null> {
  const scope = ctx.principal.stacks ?? [];
  if (args.stack !== undefined && !scope.includes(args.stack)) return Promise.resolve(args.stack);
  if (args.service !== undefined) return lookup(ctx, args.service);
  return Promise.resolve(args.stack ?? scope[0] ?? null);
}

/**
 * The refusal of query_metrics to a caller limited to stacks: PromQL can select and aggregate any series
 * (`{__name__=~".+"}`, `sum without (stack) (...)`), so no filter added to a query can keep it to some stacks.
 */
export function promqlForbidden(stacks: readonly string[] | null): AppError {
  const allowed = (stacks ?? []).join(', ');
  return new AppError(
    ErrorCode.FORBIDDEN,
    `forbidden: query_metrics runs arbitrary PromQL over every stack's series, which cannot be limited to ` +
      `stacks, and this token may only see the stacks ${allowed}: use analyze_metrics or get_service_usage`,
    { details: { reason: 'stack_scope', stacks } },
  );
}
