import { AppError } from '@swarmops/contracts';

import { createContext } from './context.js';
import { checkControlCharacters } from './control-characters.js';
import { convertObjects } from './file-objects.js';
import { interpolateCompose } from './interpolate.js';
import { compareStrings } from './mappings.js';
import type { ComposeFile } from './model.js';
import { convertNetworks, networkTarget, serviceNetworks } from './networks.js';
import { parseComposeYaml } from './parse-yaml.js';
import { enforcePolicy, findViolations, type PolicyViolation } from './policy.js';
import { convertService } from './service.js';
import type { DesiredService, DesiredStack, PolicyAllowance } from './types.js';
import { checkServiceKeys, checkTopLevelKeys } from './unsupported-keys.js';
import { validateComposeSchema } from './validate-schema.js';

/** Stack names docker accepts: they prefix every object name. */
const STACK_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const MAX_STACK_NAME = 48;

export interface ConvertComposeInput {
  /** Stack (namespace) name: objects are named `<stack>_<name>`. */
  stack: string;
  /** Compose file text (YAML). */
  compose: string;
  /** Variables for `${VAR}` interpolation and `environment:` objects; `process.env` is never read. */
  env?: Record<string, string>;
  policy: PolicyAllowance;
}

/**
 * Converts a compose file into the desired state of a stack, with the names, labels and specs
 * `docker stack deploy` would create. Pure: no I/O.
 *
 * Throws AppError INVALID_REQUEST (message names the first path; `details.issues: [{ path, message }]`)
 * or FORBIDDEN for policy violations (`details.violations: [{ service, path, rule, message }]`).
 */
export function convertCompose(input: ConvertComposeInput): DesiredStack {
  const { stack, policy } = input;
  const env = input.env ?? {};
  if (!STACK_NAME.test(stack) || stack.length > MAX_STACK_NAME) {
    throw new AppError('INVALID_REQUEST', `stack: invalid stack name "${stack}"`, {
      details: {
        issues: [
          { path: 'stack', message: `must match ${STACK_NAME.source}, at most ${MAX_STACK_NAME} characters` },
        ],
      },
    });
  }
  const parsed = parseComposeYaml(input.compose);
  checkControlCharacters(parsed);
  const interpolated = interpolateCompose(parsed, env);
  validateComposeSchema(interpolated);
  const file = interpolated as ComposeFile;

  const ctx = createContext(stack, file, env);
  checkTopLevelKeys(ctx);
  const configs = convertObjects(ctx, 'configs');
  const secrets = convertObjects(ctx, 'secrets');
  const services: DesiredService[] = [];
  const violations: PolicyViolation[] = [];
  const usedNetworks = new Set<string>();
  const names = Object.keys(file.services ?? {}).sort(compareStrings);
  for (const name of names) {
    const service = file.services?.[name] ?? {};
    checkServiceKeys(ctx, name, service);
    const converted = convertService(ctx, name, service, { configs, secrets });
    services.push(converted.desired);
    const joined = [...serviceNetworks(service).keys()];
    for (const network of joined) usedNetworks.add(network);
    violations.push(
      ...findViolations(
        {
          name,
          service,
          mounts: converted.mounts,
          networks: joined.map((composeName) => ({ composeName, target: networkTarget(ctx, composeName) })),
        },
        policy,
      ),
    );
  }
  const networks = convertNetworks(ctx, usedNetworks);
  ctx.issues.throwIfAny();
  const exceptions = enforcePolicy(stack, violations, policy);
  return {
    stack,
    services,
    networks,
    configs,
    secrets,
    warnings: [...ctx.warnings, ...exceptions],
  };
}
