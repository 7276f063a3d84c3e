/** One place where two normalized specs differ. */
export interface SpecDifference {
  /** Dotted path with `[i]` indexes, e.g. `services.app.TaskTemplate.ContainerSpec.Privileges`. */
  path: string;
  /** The value `docker stack deploy` produced (undefined when absent). */
  docker: unknown;
  /** The value Swarmops produced (undefined when absent). */
  swarmops: unknown;
}

/**
 * Every leaf where `docker` and `swarmops` differ. Objects are compared key by key (a key missing on one
 * side is a difference at that key); arrays index by index, since order is part of a Swarm spec.
 */
export function diffSpecs(docker: unknown, swarmops: unknown, path = ''): SpecDifference[] {
  if (Object.is(docker, swarmops)) return [];
  if (Array.isArray(docker) && Array.isArray(swarmops)) {
    const out: SpecDifference[] = [];
    for (let i = 0; i < Math.max(docker.length, swarmops.length); i++)
      out.push(...diffSpecs(docker[i], swarmops[i], `${path}[${i}]`));
    return out;
  }
  if (isRecord(docker) && isRecord(swarmops)) {
    const keys = [...new Set([...Object.keys(docker), ...Object.keys(swarmops)])].sort();
    return keys.flatMap((key) => diffSpecs(docker[key], swarmops[key], path === '' ? key : `${path}.${key}`));
  }
  return [{ path, docker, swarmops }];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
