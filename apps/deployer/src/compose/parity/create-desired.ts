import type Docker from 'dockerode';
import type { DesiredObject, DesiredStack } from '../types.js';

/**
 * Creates a converted stack on the engine the way a Swarmops create sends it: networks, configs and
 * secrets first, then every service with exactly the converter's spec. The only thing filled in is what
 * the Engine API needs and a compose file cannot know: the ids of the configs and secrets a service
 * references by name (the docker CLI looks those up too).
 */
export async function createDesiredStack(docker: Docker, desired: DesiredStack): Promise<void> {
  for (const network of desired.networks) {
    if (network.external || network.spec === null) continue;
    await docker.createNetwork({ ...network.spec, Name: network.fullName });
  }
  const configIds = await createObjects(desired.configs, (o) => docker.createConfig(objectSpec(o)));
  const secretIds = await createObjects(desired.secrets, (o) => docker.createSecret(objectSpec(o)));
  const lookup = await externalIds(docker, configIds, secretIds);
  for (const service of desired.services) {
    const spec = structuredClone(service.spec);
    const template = spec.TaskTemplate as { ContainerSpec?: ContainerRefs } | undefined;
    const container = template?.ContainerSpec;
    for (const ref of container?.Configs ?? [])
      if (ref.ConfigID === undefined || ref.ConfigID === '') ref.ConfigID = lookup.config(ref.ConfigName);
    for (const ref of container?.Secrets ?? [])
      if (ref.SecretID === undefined || ref.SecretID === '') ref.SecretID = lookup.secret(ref.SecretName);
    await docker.createService(spec);
  }
}

interface ContainerRefs {
  Configs?: Array<{ ConfigID?: string; ConfigName?: string }>;
  Secrets?: Array<{ SecretID?: string; SecretName?: string }>;
}

function objectSpec(object: DesiredObject): { Name: string; Labels: Record<string, string>; Data: string } {
  return { Name: object.fullName, Labels: object.labels, Data: object.data ?? '' };
}

async function createObjects(
  objects: DesiredObject[],
  create: (object: DesiredObject) => Promise<{ id?: string }>,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const object of objects) {
    if (object.external) continue;
    const created = await create(object);
    if (created.id !== undefined) ids.set(object.fullName, created.id);
  }
  return ids;
}

async function externalIds(
  docker: Docker,
  configIds: Map<string, string>,
  secretIds: Map<string, string>,
): Promise<{ config(name?: string): string; secret(name?: string): string }> {
  const [configs, secrets] = await Promise.all([docker.listConfigs(), docker.listSecrets()]);
  for (const c of configs)
    if (c.Spec?.Name !== undefined && !configIds.has(c.Spec.Name)) configIds.set(c.Spec.Name, c.ID);
  for (const s of secrets)
    if (s.Spec?.Name !== undefined && !secretIds.has(s.Spec.Name)) secretIds.set(s.Spec.Name, s.ID);
  const find = (ids: Map<string, string>, kind: string, name?: string): string => {
    const id = name === undefined ? undefined : ids.get(name);
    if (id === undefined)
      throw new Error(`${kind} ${name ?? '(unnamed)'} referenced by a service does not exist`);
    return id;
  };
  return {
    config: (name) => find(configIds, 'config', name),
    secret: (name) => find(secretIds, 'secret', name),
  };
}
