import { AppError, ErrorCode } from '@swarmops/contracts';
import type { RequestOptions } from '@swarmops/bus';
import type { ToolContext } from './tool.js';

/**
 * How long a check run or a diagnosis may take before the gateway stops waiting: they read the whole
 * cluster through inventory and probe the platform, so they get at least this, even when
 * MCP_REQUEST_TIMEOUT_MS is shorter.
 */
export const HEALTH_RUN_TIMEOUT_MS = 30_000;

/** Bus options of a check run or a diagnosis. */
export function healthRunOptions(ctx: Pick<ToolContext, 'timeoutMs' | 'signal'>): RequestOptions {
  return { timeoutMs: Math.max(ctx.timeoutMs, HEALTH_RUN_TIMEOUT_MS), signal: ctx.signal };
}

/** The refusal of a cluster-wide health operation to a caller limited to some stacks. */
export function clusterWideForbidden(what: string, stacks: readonly string[] | null): AppError {
  return new AppError(
    ErrorCode.FORBIDDEN,
    `${what} covers the whole cluster, and this token may only see the stacks ${(stacks ?? []).join(', ')}`,
    { details: { reason: 'stack_scope', stacks } },
  );
}
