/** The label Docker stack deploys put on every object of a stack. */
export const STACK_LABEL = 'com.docker.stack.namespace';

/** Labels as a plain record (the engine sends `null` for none). */
export function labelsOf(labels: Record<string, string> | null | undefined): Record<string, string> {
  return labels ? { ...labels } : {};
}

/** The stack an object belongs to, from its labels; null when none. */
export function stackOf(labels: Record<string, string>): string | null {
  const stack = labels[STACK_LABEL];
  return stack === undefined || stack === '' ? null : stack;
}
