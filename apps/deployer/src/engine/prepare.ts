import { AppError } from '@swarmops/contracts';
import type { DesiredStack } from '../compose/types.js';
import { planStack } from '../domain/plan.js';
import type { ChangeSet } from '../domain/plan.js';
import type { LiveStack } from '../domain/live.js';
import type { EngineDeps } from './types.js';

/** A compose file converted and diffed against the live stack. */
export interface Prepared {
  desired: DesiredStack;
  live: LiveStack;
  set: ChangeSet;
}

/**
 * Validates the compose file (schema, interpolation, policy) and plans it against the live stack.
 * Changes nothing. Refuses external objects that do not exist.
 */
export async function prepareStack(
  deps: EngineDeps,
  input: { stack: string; compose: string; env?: Record<string, string> | undefined },
): Promise<Prepared> {
  const desired = deps.convert({
    stack: input.stack,
    compose: input.compose,
    ...(input.env === undefined ? {} : { env: input.env }),
    policy: deps.policy,
  });
  const [live, networkNames, objects, liveVersion] = await Promise.all([
    deps.docker.readStack(input.stack),
    deps.docker.networkNames(),
    deps.docker.objectNames(),
    deps.repo.latestVersion(deps.clusterId, input.stack),
  ]);
  const set = planStack(desired, live, {
    networkNames,
    configNames: objects.configs,
    secretNames: objects.secrets,
    liveVersion,
  });
  if (set.missingExternal.length > 0) {
    const missing = set.missingExternal.join(', ');
    throw new AppError('INVALID_REQUEST', `external objects do not exist: ${missing}`, {
      details: {
        issues: set.missingExternal.map((m) => ({ path: m, message: 'external object not found' })),
      },
    });
  }
  return { desired, live, set };
}
