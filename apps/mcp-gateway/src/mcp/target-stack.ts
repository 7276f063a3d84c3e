import type { ToolContext, ToolDefinition } from '../tools/tool.js';
import type { CallerPrincipal } from './ports.js';

/**
 * The stack a call targets, for the scope check: named by the arguments (`stackOf`), or looked up
 * (`resolveStack`, e.g. a service's stack through inventory) only when the caller is limited to
 * some stacks, so unscoped callers pay no extra request. `undefined`: the call targets no
 * stack-owned object; `null`: an object outside every stack.
 */
export async function targetStack(
  tool: Pick<ToolDefinition, 'stackOf' | 'resolveStack'>,
  args: unknown,
  principal: CallerPrincipal,
  ctx: ToolContext,
): Promise<string | null | undefined> {
  const named = tool.stackOf?.(args);
  if (named !== undefined) return named;
  if (tool.resolveStack === undefined || principal.stacks === null) return undefined;
  return tool.resolveStack(args, ctx);
}
