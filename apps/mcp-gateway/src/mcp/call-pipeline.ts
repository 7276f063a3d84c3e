import { AppError, ErrorCode, describeZodError, toAppError } from '@swarmops/contracts';
import type { ToolContext, ToolDefinition } from '../tools/tool.js';
import type { AuditRecord, CallSecurity, CallerPrincipal } from './ports.js';
import { errorResult, successResult } from './tool-result.js';
import type { ToolResult } from './tool-result.js';

/** Everything one call needs besides the tool and its raw arguments. */
export interface CallDeps {
  security: CallSecurity;
  /** Builds the tool context once the caller is known. */
  context(principal: CallerPrincipal): ToolContext;
  /** Milliseconds, monotonic enough for durations (injected for tests). */
  now(): number;
  /** The trace id the audit row carries. */
  traceId: string | null;
  /** Called when writing the audit row fails; the call then answers UNAVAILABLE instead of its result. */
  onAuditFailure(err: unknown, entry: AuditRecord): void;
}

/**
 * Runs one tool call: authenticate, rate-limit, authorize the role, validate the arguments,
 * authorize the stack scope, call, and write exactly one audit row, whatever happens. Every
 * failure comes back as an `isError` result whose text starts with the error code. Auditing fails
 * closed: when the row cannot be written, the result is withheld and the caller gets UNAVAILABLE.
 */
export async function runToolCall(
  deps: CallDeps,
  tool: ToolDefinition,
  rawArgs: unknown,
): Promise<ToolResult> {
  const started = deps.now();
  let principal: CallerPrincipal | undefined;
  let result: ToolResult;
  let error: AppError | undefined;
  let args: unknown = rawArgs;
  // A failure while the gateway decides (who, how often, may they) is a denial; later ones are errors.
  let deciding = true;
  try {
    principal = await deps.security.authenticate();
    await deps.security.rateLimit(principal);
    deps.security.authorize(principal, { requiredRole: tool.requiredRole });
    deciding = false;
    const parsed = tool.input.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      const { message, details } = describeZodError(parsed.error);
      throw new AppError(ErrorCode.INVALID_REQUEST, message, { details });
    }
    args = parsed.data;
    const stack = tool.stackOf?.(parsed.data);
    deciding = true;
    if (stack !== undefined) deps.security.authorize(principal, { requiredRole: tool.requiredRole, stack });
    deciding = false;
    const output: unknown = await tool.run(parsed.data, deps.context(principal));
    result = successResult(output, tool.render(output));
  } catch (err) {
    error = toAppError(err);
    result = errorResult(error);
  }
  // A refusal found while running (a named object outside the caller's stacks) is a denial too.
  const denied =
    error !== undefined &&
    (deciding || error.code === ErrorCode.FORBIDDEN || error.code === ErrorCode.UNAUTHORIZED);
  const audited = await audit(deps, {
    principal: principal?.id ?? 'anonymous',
    tokenId: principal?.tokenId ?? null,
    clientId: principal?.clientId ?? null,
    tool: tool.name,
    arguments: args,
    decision: denied ? 'denied' : 'allowed',
    outcome: error === undefined ? 'ok' : denied ? 'denied' : 'error',
    errorCode: error?.code ?? null,
    durationMs: Math.max(0, Math.round(deps.now() - started)),
    traceId: deps.traceId,
  });
  if (!audited) {
    return errorResult(
      new AppError(
        ErrorCode.UNAVAILABLE,
        'the audit log could not be written, so the result is withheld; retry',
      ),
    );
  }
  return result;
}

async function audit(deps: CallDeps, entry: AuditRecord): Promise<boolean> {
  try {
    await deps.security.record(entry);
    return true;
  } catch (err) {
    deps.onAuditFailure(err, entry);
    return false;
  }
}
