import { AppError, ErrorCode, ROLES_ASCENDING } from '@swarmops/contracts';
import type { Role } from '@swarmops/contracts';
import type { Principal } from './principal.js';

/** True when `role` includes everything `required` may do: viewer < operator < admin. */
export function roleAllows(role: Role, required: Role): boolean {
  return ROLES_ASCENDING.indexOf(role) >= ROLES_ASCENDING.indexOf(required);
}

/** True when the principal may touch `stack`: unscoped principals may touch any stack. */
export function stackAllowed(principal: Pick<Principal, 'stacks'>, stack: string | null): boolean {
  if (principal.stacks === null) return true;
  return stack !== null && principal.stacks.includes(stack);
}

/** What a tool call needs. */
export interface ToolRequirement {
  requiredRole: Role;
  /**
   * The stack the call targets. Leave undefined when the call targets no stack-owned object
   * (nodes, the cluster). `null` means "an object outside every stack": a stack-scoped principal
   * is refused it.
   */
  stack?: string | null;
}

/**
 * Throws FORBIDDEN unless the principal's role is at least `requiredRole` and, for a
 * stack-scoped principal, the target stack is one of its stacks.
 *
 * @example authorizeTool(principal, { requiredRole: 'operator', stack: 'shop' });
 */
export function authorizeTool(principal: Principal, requirement: ToolRequirement): void {
  if (!roleAllows(principal.role, requirement.requiredRole)) {
    throw new AppError(
      ErrorCode.FORBIDDEN,
      `forbidden: this needs the ${requirement.requiredRole} role; ${principal.id} has ${principal.role}`,
      { details: { requiredRole: requirement.requiredRole, role: principal.role } },
    );
  }
  if (requirement.stack !== undefined && !stackAllowed(principal, requirement.stack)) {
    const target =
      requirement.stack === null ? 'an object outside every stack' : `stack ${requirement.stack}`;
    throw new AppError(
      ErrorCode.FORBIDDEN,
      `forbidden: ${principal.id} is limited to stacks ${(principal.stacks ?? []).join(', ')}, not ${target}`,
      { details: { stack: requirement.stack, allowedStacks: principal.stacks } },
    );
  }
}

/**
 * Keeps the items a stack-scoped principal may see (unscoped principals see everything).
 * `getStack` returns the item's stack name, or null/undefined when it belongs to none.
 */
export function filterByStacks<T>(
  principal: Pick<Principal, 'stacks'>,
  items: readonly T[],
  getStack: (item: T) => string | null | undefined,
): T[] {
  if (principal.stacks === null) return [...items];
  return items.filter((item) => stackAllowed(principal, getStack(item) ?? null));
}
