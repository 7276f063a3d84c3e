import { AppError, ErrorCode, describeZodError, toAppError } from '@swarmops/contracts';
import type { ToolContext, ToolDefinition } from '../tools/tool.js';
import { CONFIRM_KEY, NO_ELICITATION, decideConfirmation } from './confirmation.js';
import type { ConfirmationChannel, ConfirmationDecision } from './confirmation.js';
import type { AuditRecord, CallSecurity, CallerPrincipal } from './ports.js';
import { targetStack } from './target-stack.js';
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
  /** Whether the user can be asked to confirm a destructive call, and their answer; default: cannot. */
  confirmation?: ConfirmationChannel;
}

/**
 * The call is destructive and the client can ask its user: the transport sends the question as a
 * form elicitation and the call runs again with the answer. Nothing ran and nothing was audited yet.
 */
export class ConfirmationRequest {
  constructor(readonly question: string) {}
}

/**
 * Runs one tool call: authenticate, rate-limit, authorize the role, validate the arguments,
 * resolve and authorize the stack scope, confirm a destructive call, call, and write exactly one
 * audit row, whatever happens. Every failure comes back as an `isError` result whose text starts
 * with the error code. Auditing fails closed: when the row cannot be written, the result is
 * withheld and the caller gets UNAVAILABLE. A destructive call the client can confirm with its
 * user returns a {@link ConfirmationRequest} instead, unaudited: the retried call carrying the
 * answer is the one audited.
 */
export async function runToolCall(
  deps: CallDeps,
  tool: ToolDefinition,
  rawArgs: unknown,
): Promise<ToolResult | ConfirmationRequest> {
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
    const ctx = deps.context(principal);
    const stack = await targetStack(tool, parsed.data, principal, ctx);
    deciding = true;
    if (stack !== undefined) deps.security.authorize(principal, { requiredRole: tool.requiredRole, stack });
    const question = tool.confirmation?.(parsed.data);
    if (question !== undefined) {
      let decision = decide(deps, tool, question, parsed.data);
      if (tool.confirmationDetail !== undefined && needsDetail(decision)) {
        deciding = false;
        const detail = await tool.confirmationDetail(parsed.data, ctx);
        deciding = true;
        decision = decide(deps, tool, `${question}\n${detail}`, parsed.data);
      }
      if (decision.kind === 'refuse') throw decision.error;
      if (decision.kind === 'ask') return new ConfirmationRequest(decision.question);
    }
    deciding = false;
    const output: unknown = await tool.run(parsed.data, ctx);
    result = successResult(output, tool.render(output));
  } catch (err) {
    error = toAppError(err);
    result = errorResult(error);
  }
  // A refusal found while running (a named object outside the caller's stacks) is a denial too;
  // so is a destructive call refused for want of confirmation.
  const denied =
    error !== undefined &&
    (deciding || error.code === ErrorCode.FORBIDDEN || error.code === ErrorCode.UNAUTHORIZED);
  const audited = await audit(deps, {
    principal: principal?.id ?? 'anonymous',
    tokenId: principal?.tokenId ?? null,
    clientId: principal?.clientId ?? null,
    tool: tool.name,
    arguments: tool.auditArguments === undefined ? args : tool.auditArguments(args),
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

/** The confirmation decision of a destructive call whose question is `question`. */
function decide(deps: CallDeps, tool: ToolDefinition, question: string, args: unknown): ConfirmationDecision {
  return decideConfirmation({
    tool: tool.name,
    question,
    confirmArg: (args as Record<string, unknown>)[CONFIRM_KEY],
    channel: deps.confirmation ?? NO_ELICITATION,
  });
}

/** The user is about to be asked, or the model told to ask them: show them the detail too. */
function needsDetail(decision: ConfirmationDecision): boolean {
  if (decision.kind === 'ask') return true;
  return decision.kind === 'refuse' && decision.error.code === ErrorCode.INVALID_REQUEST;
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
