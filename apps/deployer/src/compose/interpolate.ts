import { interpolateString, InterpolationError, type LookupVariable } from './interpolate-string.js';
import { IssueList, joinPath } from './issues.js';

type Cast = 'int' | 'float' | 'bool';

// Paths whose interpolated strings become numbers or booleans, as docker's loader does, so that
// `replicas: ${N}` validates as an integer. `*` is any key, `[]` any list item.
const CASTS: [string, Cast][] = [
  ['services.*.configs.[].mode', 'int'],
  ['services.*.secrets.[].mode', 'int'],
  ['services.*.healthcheck.retries', 'int'],
  ['services.*.healthcheck.disable', 'bool'],
  ['services.*.deploy.replicas', 'int'],
  ['services.*.deploy.update_config.parallelism', 'int'],
  ['services.*.deploy.update_config.max_failure_ratio', 'float'],
  ['services.*.deploy.rollback_config.parallelism', 'int'],
  ['services.*.deploy.rollback_config.max_failure_ratio', 'float'],
  ['services.*.deploy.restart_policy.max_attempts', 'int'],
  ['services.*.deploy.placement.max_replicas_per_node', 'int'],
  ['services.*.deploy.resources.limits.pids', 'int'],
  ['services.*.ports.[].target', 'int'],
  ['services.*.ports.[].published', 'int'],
  ['services.*.ulimits.*', 'int'],
  ['services.*.ulimits.*.hard', 'int'],
  ['services.*.ulimits.*.soft', 'int'],
  ['services.*.privileged', 'bool'],
  ['services.*.oom_score_adj', 'int'],
  ['services.*.read_only', 'bool'],
  ['services.*.stdin_open', 'bool'],
  ['services.*.tty', 'bool'],
  ['services.*.init', 'bool'],
  ['services.*.volumes.[].read_only', 'bool'],
  ['services.*.volumes.[].volume.nocopy', 'bool'],
  ['networks.*.external', 'bool'],
  ['networks.*.internal', 'bool'],
  ['networks.*.attachable', 'bool'],
  ['volumes.*.external', 'bool'],
  ['secrets.*.external', 'bool'],
  ['configs.*.external', 'bool'],
];

/**
 * Interpolates every string value (never a key) from `env` only — never `process.env`. Values that
 * changed at a typed path are cast (`"3"` → 3 for `deploy.replicas`). Every failure is an issue naming
 * the path and the variable.
 */
export function interpolateCompose(
  config: Record<string, unknown>,
  env: Record<string, string>,
): Record<string, unknown> {
  const issues = new IssueList();
  const lookup: LookupVariable = (name) => (Object.hasOwn(env, name) ? env[name] : undefined);
  const result = walk(config, [], '', lookup, issues) as Record<string, unknown>;
  issues.throwIfAny();
  return result;
}

function walk(
  value: unknown,
  segments: string[],
  path: string,
  lookup: LookupVariable,
  issues: IssueList,
): unknown {
  if (typeof value === 'string') return interpolateValue(value, segments, path, lookup, issues);
  if (Array.isArray(value)) {
    return value.map((item, index) => walk(item, [...segments, '[]'], joinPath(path, index), lookup, issues));
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = walk(item, [...segments, key], joinPath(path, key), lookup, issues);
    }
    return out;
  }
  return value;
}

function interpolateValue(
  value: string,
  segments: string[],
  path: string,
  lookup: LookupVariable,
  issues: IssueList,
): unknown {
  let result: string;
  try {
    result = interpolateString(value, lookup);
  } catch (error) {
    if (!(error instanceof InterpolationError)) throw error;
    issues.add(path, error.message);
    return value;
  }
  if (result === value) return value;
  const cast = castFor(segments);
  if (cast === undefined) return result;
  const casted = applyCast(result, cast);
  if (casted === undefined) issues.add(path, `interpolated value "${result}" is not a valid ${cast}`);
  return casted ?? result;
}

function castFor(segments: string[]): Cast | undefined {
  for (const [pattern, cast] of CASTS) {
    const parts = pattern.split('.');
    if (parts.length !== segments.length) continue;
    if (parts.every((part, i) => (part === '*' ? segments[i] !== '[]' : part === segments[i]))) return cast;
  }
  return undefined;
}

function applyCast(value: string, cast: Cast): number | boolean | undefined {
  if (cast === 'bool') {
    const lower = value.toLowerCase();
    if (['y', 'yes', 'true', 'on'].includes(lower)) return true;
    if (['n', 'no', 'false', 'off'].includes(lower)) return false;
    return undefined;
  }
  const pattern = cast === 'int' ? /^[-+]?\d+$/ : /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
  return pattern.test(value.trim()) ? Number(value.trim()) : undefined;
}
