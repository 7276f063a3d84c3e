import type { z } from 'zod';
import { AppError, ErrorCode } from './errors.js';

/** One validation problem: the dotted path of the field (`resources.cpus`, `items[2].id`) and what is wrong. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Renders a zod path as `a.b[2].c`; the root is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * A zod error as a message that names every bad field, plus the issues as details.
 *
 * @example
 * describeZodError(err).message // "invalid field `replicas`: Too small: expected number to be >=0"
 */
export function describeZodError(error: z.ZodError): { message: string; details: { issues: FieldIssue[] } } {
  const issues = error.issues.flatMap((issue): FieldIssue[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'unknown field' }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
  const message = issues.map((i) => `invalid field \`${i.path}\`: ${i.message}`).join('; ');
  return { message: message || 'invalid input', details: { issues } };
}

/**
 * Parses `value` with `schema`, or throws `INVALID_REQUEST` naming each bad field.
 * `what` names the input in the message, e.g. `"request to swarmops.inventory.nodes.list"`.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { message, details } = describeZodError(result.error);
  throw new AppError(ErrorCode.INVALID_REQUEST, `${what}: ${message}`, { details });
}
