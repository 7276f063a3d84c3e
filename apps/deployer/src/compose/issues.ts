import { AppError } from '@swarmops/contracts';

/** One problem found in a compose file, located by its path in compose terms (`services.api.ports[0]`). */
export interface ComposeIssue {
  path: string;
  message: string;
}

/** Appends a key or an index to a compose path: `joinPath('services', 'api')`, `joinPath('ports', 0)`. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** The INVALID_REQUEST error for a list of issues: the message names the first, details carry them all. */
export function invalidCompose(issues: ComposeIssue[]): AppError {
  const [first] = issues;
  const head = first === undefined ? 'invalid compose file' : `${first.path}: ${first.message}`;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new AppError('INVALID_REQUEST', `${head}${more}`, { details: { issues } });
}

/** Collects issues while a pass walks the file, so one error reports every problem it found. */
export class IssueList {
  readonly items: ComposeIssue[] = [];

  add(path: string, message: string): void {
    this.items.push({ path, message });
  }

  /** Throws INVALID_REQUEST when anything was collected. */
  throwIfAny(): void {
    if (this.items.length > 0) throw invalidCompose(this.items);
  }
}
