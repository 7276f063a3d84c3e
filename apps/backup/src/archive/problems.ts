import type { BackupProblem } from '@swarmops/contracts';
import type { z } from 'zod';

/** At most this many schema problems are reported per part; the rest are summed up in one more. */
const MAX_ISSUES_PER_PART = 10;

/** A problem found in an archive. */
export function problem(code: BackupProblem['code'], part: string | null, message: string): BackupProblem {
  return { code, part, message };
}

/** `part` followed by a zod issue path: `services.json[3].spec.TaskTemplate`. */
export function fieldPath(part: string, path: readonly PropertyKey[]): string {
  let text = part;
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) text += `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

/** One `code` problem per zod issue (capped), each naming the part and the field path. */
export function issueProblems(
  code: 'invalid-spec' | 'invalid-manifest',
  part: string,
  error: z.ZodError,
): BackupProblem[] {
  const shown = error.issues.slice(0, MAX_ISSUES_PER_PART);
  const problems = shown.map((issue) =>
    problem(code, part, `${fieldPath(part, issue.path)}: ${issue.message}`),
  );
  const hidden = error.issues.length - shown.length;
  if (hidden > 0) problems.push(problem(code, part, `${part}: ${hidden} more problems not shown`));
  return problems;
}
