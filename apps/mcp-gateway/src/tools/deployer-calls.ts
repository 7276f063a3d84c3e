import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { request } from '@swarmops/bus';
import type { RequestOptions } from '@swarmops/bus';
import { DEPLOY_TIMEOUT_DEFAULT_SECONDS, InventoryRpc, TimeoutSecondsSchema } from '@swarmops/contracts';
import { busOptions } from './tool.js';
import type { ToolContext, ToolHints } from './tool.js';
import { withProgress } from './deployment-progress.js';

/** Slack over the deployment's own timeout before the gateway stops waiting for the reply. */
export const WAIT_SLACK_SECONDS = 30;
/** How long a call that does not wait (plan, dry run, `wait: false`) gives the deployer to answer. */
export const DEPLOYER_ACCEPT_TIMEOUT_MS = 30_000;

/** `wait`, `timeoutSeconds` and `confirm`: the arguments every mutating deployer tool takes. */
export const MutationArgsShape = {
  wait: z
    .boolean()
    .default(true)
    .describe(
      'Wait until the change converged, failed or rolled back (default true), with progress notifications. ' +
        'With false the call returns status `running` at once; follow it with get_deployment.',
    ),
  timeoutSeconds: TimeoutSecondsSchema.optional().describe(
    `Give up and roll back after this many seconds (5-3600, default ${DEPLOY_TIMEOUT_DEFAULT_SECONDS}).`,
  ),
  confirm: z
    .boolean()
    .optional()
    .describe(
      'Set true only after the user agreed, for a destructive call the gateway cannot confirm with the user itself.',
    ),
};

/** Annotations of a tool that changes the cluster by replacing running tasks. */
export const REPLACES_TASKS: ToolHints = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: false,
};

/** The bus options of a deployer request: long enough for a waiting call to see the deployment end. */
export function deployerOptions(
  ctx: Pick<ToolContext, 'timeoutMs' | 'signal'>,
  args: { wait: boolean; timeoutSeconds?: number | undefined },
): RequestOptions {
  const timeoutMs = args.wait
    ? ((args.timeoutSeconds ?? DEPLOY_TIMEOUT_DEFAULT_SECONDS) + WAIT_SLACK_SECONDS) * 1000
    : Math.max(ctx.timeoutMs, DEPLOYER_ACCEPT_TIMEOUT_MS);
  return { timeoutMs, signal: ctx.signal };
}

/**
 * Sends one mutating deployer request under a deployment id chosen here, so its progress events can
 * be followed (relayed as MCP progress) from before the request leaves until the reply is in.
 */
export function mutate<T>(
  ctx: ToolContext,
  args: { wait: boolean },
  send: (ids: { deploymentId: string; requestedBy: string }) => Promise<T>,
): Promise<T> {
  const ids = { deploymentId: randomUUID(), requestedBy: ctx.principal.id };
  if (!args.wait) return send(ids);
  return withProgress(ctx, ids.deploymentId, () => send(ids));
}

/** The stack of a service (by name or id), read from inventory; null when it belongs to none. */
export async function serviceStack(ctx: ToolContext, service: string): Promise<string | null> {
  const detail = await request(ctx.nc, InventoryRpc.servicesGet, { id: service }, busOptions(ctx));
  return detail.service.stack;
}

/**
 * The arguments as audited: a `compose` text becomes `sha256:<hex> (<n> bytes)`, because a compose
 * file may carry secret content inline (`secrets.x.content`) that no pattern can reliably mask.
 */
export function auditCompose(args: unknown): unknown {
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return args;
  const { compose } = args as { compose?: unknown };
  if (typeof compose !== 'string') return args;
  const digest = createHash('sha256').update(compose).digest('hex');
  return { ...args, compose: `sha256:${digest} (${Buffer.byteLength(compose)} bytes)` };
}
