import type { NatsConnection } from '@nats-io/nats-core';
import type { RequestOptions } from '@swarmops/bus';
import type { AuditLogListRequest, Role } from '@swarmops/contracts';
import type { z } from 'zod';
import type { CallerPrincipal } from '../mcp/ports.js';

/** MCP tool annotations; each tool states all four honestly. */
export interface ToolHints {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** Reads of the audit log, for `get_audit_log` (the audit module's `list`). */
export interface AuditReader {
  list(request: AuditLogListRequest): Promise<{ items: unknown[]; nextCursor: string | null }>;
}

/**
 * What a tool runs with: the bus, the caller, cancellation, progress, and its service timeout.
 * Pass `busOptions(ctx)` to every bus request so cancellation reaches it.
 */
export interface ToolContext {
  nc: NatsConnection;
  principal: CallerPrincipal;
  signal: AbortSignal;
  timeoutMs: number;
  audit: AuditReader;
  /** Reports progress to the client when it sent a progress token; a no-op otherwise. */
  progress(update: { progress: number; total?: number; message?: string }): Promise<void>;
}

/** One MCP tool: its contract with the model, the role it needs and the NATS subject(s) it calls. */
export interface ToolDefinition<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  name: string;
  title: string;
  /** Written for a model: when to use the tool and what it returns. */
  description: string;
  /** Strict: unknown fields are refused. */
  input: I;
  output: O;
  annotations: ToolHints;
  requiredRole: Role;
  /** The NATS subjects this tool requests (documentation and tests). */
  calls: readonly string[];
  /** The stack an argument set targets, checked against the caller's scope before any request. */
  stackOf?: (args: z.output<I>) => string | undefined;
  /**
   * The stack of the object a call targets when the arguments do not name it (a service): looked up
   * only for stack-scoped callers, before the tool runs; `null` for an object outside every stack.
   */
  resolveStack?: (args: z.output<I>, ctx: ToolContext) => Promise<string | null>;
  /**
   * The question to put to the user when this call is destructive (e.g. removing a stack), or
   * undefined when it is not. The pipeline asks through elicitation or requires `confirm: true`.
   */
  confirmation?: (args: z.output<I>) => string | undefined;
  /**
   * What the user should see besides the question before confirming (e.g. the restore plan), read
   * only when the user is about to be asked or the call is refused for want of `confirm: true`: it
   * is appended to the question. Its failure fails the call (audited as an error), changing nothing.
   */
  confirmationDetail?: (args: z.output<I>, ctx: ToolContext) => Promise<string>;
  /**
   * What the audit row stores of the arguments (valid or not) instead of them, before the usual
   * redaction: e.g. a compose file as its digest, since it may hold inline secret content.
   */
  auditArguments?: (args: unknown) => unknown;
  run(args: z.output<I>, ctx: ToolContext): Promise<z.output<O>>;
  /** A short, bounded text rendering of the result for the model. */
  render(result: z.output<O>): string;
}

/**
 * The bus options of every request a tool makes: its service timeout and the call's abort signal,
 * so a cancelled call stops waiting at once (the service still finishes the operation).
 */
export function busOptions(ctx: Pick<ToolContext, 'timeoutMs' | 'signal'>): RequestOptions {
  return { timeoutMs: ctx.timeoutMs, signal: ctx.signal };
}

/** Declares a tool with its types inferred from the schemas. */
export function defineTool<I extends z.ZodType, O extends z.ZodType>(
  tool: ToolDefinition<I, O>,
): ToolDefinition {
  return tool;
}

/** Annotations of a tool that only reads platform state. */
export const READ_ONLY: ToolHints = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
};
