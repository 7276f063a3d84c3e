import { randomBytes } from 'node:crypto';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { SpanContext } from '@opentelemetry/api';
import {
  McpServer,
  ProtocolError,
  ProtocolErrorCode,
  SUPPORTED_PROTOCOL_VERSIONS,
  inputRequired,
} from '@modelcontextprotocol/server';
import type { ServerContext } from '@modelcontextprotocol/server';
import type { NatsConnection } from '@nats-io/nats-core';
import { registerPrompts } from '../prompts/index.js';
import { registerResources } from '../resources/index.js';
import type { AuditReader, ToolContext, ToolDefinition } from '../tools/tool.js';
import { ConfirmationRequest, runToolCall } from './call-pipeline.js';
import { confirmationChannel, confirmationForm } from './elicitation.js';
import type { AuditRecord, CallSecurity, CallerPrincipal, TrackedCall } from './ports.js';
import type { ListedTool } from './tool-listing.js';

/** Protocol revisions served: the 2025 ones through the SDK's legacy path, 2026-07-28 natively. */
export const PROTOCOL_VERSIONS = ['2026-07-28', ...SUPPORTED_PROTOCOL_VERSIONS];

/** What every server instance shares; built once in main/stdio. */
export interface GatewayDeps {
  nc: NatsConnection;
  tools: readonly ToolDefinition[];
  /** `listTools(tools)`, converted once. */
  listing: readonly ListedTool[];
  audit: AuditReader;
  timeoutMs: number;
  version: string;
  now(): number;
  logger: { error(fields: object, message: string): void };
}

const INSTRUCTIONS =
  'Swarmops operates a Docker Swarm cluster. Start with cluster_summary, then list_nodes, list_services, ' +
  'list_tasks and list_stacks; inspect_service and inspect_stack give details. To change the cluster, show ' +
  'the plan first (plan_stack, or deploy_stack with dryRun), then deploy_stack, scale_service, ' +
  'update_service_image, rollback_service or rollback_stack; list_deployments and get_deployment show ' +
  'history. execute_health_check gives the verdict with evidence, diagnose_service explains one service, ' +
  'get_health_report and list_health_history read past runs; set_healing_policy and list_healing_actions ' +
  'manage self-healing. remove_stack, scaling to 0 and turning a healing policy on need the user to confirm. ' +
  'Tool errors start with a code ' +
  '(INVALID_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT, UNAVAILABLE, ...): fix the arguments or tell the user.';

const tracer = trace.getTracer('@swarmops/mcp-gateway');

/**
 * One MCP server instance bound to one caller's security (an HTTP request's principal, or the
 * stdio token). Tools are served by the gateway's own `tools/list` and `tools/call` handlers so
 * that authentication, authorization, validation and audit run in that order for every call.
 * A call stops waiting on the bus when the client cancels it: through the SDK's own signal, or
 * `call.signal` when the HTTP edge routed a cancellation to this stateless instance.
 */
export function createGatewayServer(
  deps: GatewayDeps,
  security: CallSecurity,
  call?: TrackedCall,
): McpServer {
  const mcp = new McpServer(
    { name: 'swarmops', title: 'Swarmops', version: deps.version },
    {
      capabilities: { logging: {}, tools: { listChanged: false }, resources: {}, prompts: {} },
      supportedProtocolVersions: PROTOCOL_VERSIONS,
      instructions: INSTRUCTIONS,
    },
  );
  const byName = new Map(deps.tools.map((t) => [t.name, t]));
  const outputSchemas = new Map(deps.listing.map((t) => [t.name, t.outputSchema]));
  mcp.server.setRequestHandler('tools/list', () => ({ tools: deps.listing.map((t) => ({ ...t })) }));
  mcp.server.setRequestHandler('tools/call', async (req, ctx) => {
    try {
      return await callTool(req.params, ctx);
    } finally {
      call?.release();
    }
  });
  const callTool = async (
    params: { name: string; arguments?: Record<string, unknown> },
    ctx: ServerContext,
  ) => {
    const tool = byName.get(params.name);
    if (tool === undefined) {
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Tool ${params.name} not found`);
    }
    const signal = call === undefined ? ctx.mcpReq.signal : AbortSignal.any([ctx.mcpReq.signal, call.signal]);
    const result = await tracer.startActiveSpan(`mcp tools/call ${tool.name}`, async (span) => {
      try {
        return await runToolCall(
          {
            security,
            context: (principal) => toolContext(deps, principal, ctx, signal),
            now: () => deps.now(),
            traceId: traceIdOf(span.spanContext()),
            onAuditFailure: (err: unknown, entry: AuditRecord) =>
              deps.logger.error({ err, tool: entry.tool, principal: entry.principal }, 'audit write failed'),
            confirmation: confirmationChannel(mcp.server, ctx),
          },
          tool,
          params.arguments,
        );
      } finally {
        span.end();
      }
    });
    // 2026-07-28: the client asks its user and retries with the answer; 2025-era connections that
    // declared elicitation get an elicitation/create from the SDK's shim, which re-runs this handler.
    if (result instanceof ConfirmationRequest) return inputRequired(confirmationForm(result.question));
    return mcp.server.projectCallToolResult(result, outputSchemas.get(tool.name));
  };
  registerResources(mcp, deps, security);
  registerPrompts(mcp);
  return mcp;
}

function traceIdOf(spanContext: SpanContext): string {
  return isSpanContextValid(spanContext) ? spanContext.traceId : randomBytes(16).toString('hex');
}

function toolContext(
  deps: GatewayDeps,
  principal: CallerPrincipal,
  ctx: ServerContext,
  signal: AbortSignal,
): ToolContext {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  return {
    nc: deps.nc,
    principal,
    signal,
    timeoutMs: deps.timeoutMs,
    audit: deps.audit,
    progress: async ({ progress, total, message }) => {
      if (progressToken === undefined) return;
      await ctx.mcpReq.notify({
        method: 'notifications/progress',
        params: { progressToken, progress, total, message },
      });
    },
  };
}
