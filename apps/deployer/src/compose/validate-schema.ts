import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';

import { invalidCompose, type ComposeIssue } from './issues.js';
import { extendedComposeSchema } from './schema-extensions.js';
import { parseDuration } from './units.js';

let compiled: ValidateFunction | undefined;

function createValidator(): ValidateFunction {
  const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
  ajv.addFormat('duration', {
    type: 'string',
    validate: (value: string) => parseDuration(value) !== undefined,
  });
  // Checked precisely by the converter, which can say what is wrong with the port or subnet.
  ajv.addFormat('ports', true);
  ajv.addFormat('subnet_ip_address', true);
  return ajv.compile(extendedComposeSchema());
}

/** Validates interpolated compose data against the (extended) compose-spec schema; throws INVALID_REQUEST. */
export function validateComposeSchema(config: Record<string, unknown>): void {
  compiled ??= createValidator();
  const validate = compiled;
  if (validate(config)) return;
  throw invalidCompose(toIssues(validate.errors ?? []));
}

/** Ajv errors in compose terms: one issue per problem, branch noise from `oneOf` removed. */
export function toIssues(errors: ErrorObject[]): ComposeIssue[] {
  const useful = errors
    .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.keyword !== 'if')
    .map((error) => ({ error, issue: toIssue(error) }));
  // A type mismatch at a path is noise when another oneOf branch (same type) failed deeper inside it —
  // including an unknown or missing key of an object branch, which ajv reports at the object itself.
  const kept = useful.filter(
    ({ error, issue }) =>
      !(error.keyword === 'type' || error.keyword === 'format') ||
      !useful.some((o) => o.error !== error && isBelow(o.issue.path, issue.path)),
  );
  const issues = kept.length > 0 ? kept.map((k) => k.issue) : errors.map(toIssue);
  const merged = new Map<string, ComposeIssue>();
  for (const issue of issues) {
    const prior = merged.get(issue.path);
    if (prior === undefined) merged.set(issue.path, issue);
    else if (!prior.message.includes(issue.message)) prior.message = `${prior.message}, or ${issue.message}`;
  }
  return [...merged.values()];
}

function toIssue(error: ErrorObject): ComposeIssue {
  const path = toComposePath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return {
        path: join(path, String(params.additionalProperty)),
        message: 'unknown key (not allowed here)',
      };
    case 'required':
      return { path: join(path, String(params.missingProperty)), message: 'is required' };
    case 'type': {
      const expected = Array.isArray(params.type) ? params.type.join(' or ') : String(params.type);
      return { path: path || '(top level)', message: `expected ${expected}` };
    }
    case 'enum':
      return {
        path,
        message: `expected one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`,
      };
    case 'format':
      return params.format === 'duration'
        ? { path, message: 'invalid duration (Go syntax, e.g. 1m30s or 500ms)' }
        : { path, message: `invalid ${String(params.format)}` };
    case 'uniqueItems':
      return { path, message: 'items must be unique' };
    case 'pattern':
      return { path, message: `must match ${String(params.pattern)}` };
    default:
      return { path: path || '(top level)', message: error.message ?? 'is invalid' };
  }
}

function isBelow(path: string, parent: string): boolean {
  return path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** `/services/api/ports/0/target` → `services.api.ports[0].target`. */
export function toComposePath(instancePath: string): string {
  if (instancePath === '') return '';
  return instancePath
    .slice(1)
    .split('/')
    .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((acc, segment) => (/^\d+$/.test(segment) ? `${acc}[${segment}]` : join(acc, segment)), '');
}
