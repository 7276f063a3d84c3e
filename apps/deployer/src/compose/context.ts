import type { PlanWarning } from '@swarmops/contracts';

import { IssueList } from './issues.js';
import type { ComposeFile } from './model.js';

/** What every conversion step reads and reports into: the file, the stack and the findings. */
export interface ConvertContext {
  stack: string;
  file: ComposeFile;
  env: Record<string, string>;
  issues: IssueList;
  warnings: PlanWarning[];
}

export function createContext(stack: string, file: ComposeFile, env: Record<string, string>): ConvertContext {
  return { stack, file, env, issues: new IssueList(), warnings: [] };
}

/** `<stack>_<name>`, docker's namespace scoping. */
export function scopedName(ctx: ConvertContext, name: string): string {
  return `${ctx.stack}_${name}`;
}

/** Records a key docker stack deploy ignores in swarm mode. */
export function warnUnsupported(ctx: ConvertContext, path: string, message: string): void {
  ctx.warnings.push({ code: 'unsupported-key', path, message });
}

/** The stack label docker puts on every object, merged over the given labels. */
export function withStackLabel(ctx: ConvertContext, labels: Record<string, string>): Record<string, string> {
  return { ...labels, 'com.docker.stack.namespace': ctx.stack };
}
