import type Dockerode from 'dockerode';

/** The container part of a service's task template (dockerode types it as a union with plugins). */
export type ContainerSpec = NonNullable<Dockerode.ContainerTaskSpec['ContainerSpec']>;

/** The container spec of a service spec (or of a task spec), if it has one. */
export function containerSpecOf(
  spec: Dockerode.ServiceSpec | Dockerode.TaskSpec | undefined,
): ContainerSpec | undefined {
  if (spec === undefined) return undefined;
  const template = 'TaskTemplate' in spec ? spec.TaskTemplate : spec;
  if (template === undefined || !('ContainerSpec' in template)) return undefined;
  return template.ContainerSpec;
}

/** The image a service spec runs. */
export function imageOf(spec: Dockerode.ServiceSpec | undefined): string | undefined {
  return containerSpecOf(spec)?.Image;
}

/** A copy of the spec with its container spec changed by `change`. */
export function withContainerSpec(
  spec: Dockerode.ServiceSpec,
  change: (c: ContainerSpec) => ContainerSpec,
): Dockerode.ServiceSpec {
  const template = (spec.TaskTemplate ?? {}) as Dockerode.ContainerTaskSpec;
  return { ...spec, TaskTemplate: { ...template, ContainerSpec: change(template.ContainerSpec ?? {}) } };
}
