import type { ArchivedService } from '@swarmops/contracts';
import { STACK_LABEL } from '../domain/cluster-state.js';
import type { RawNetworkAttachment, RawService, RawServiceSpec } from './raw-docker.js';

/**
 * A service with its `.Spec` exactly as the engine returns it, its stack, and `networkNames` mapping every
 * network id the spec attaches to (TaskTemplate.Networks and the deprecated top-level Networks) to its name.
 * An id with no known network (removed meanwhile) is left out of the map.
 */
export function toArchivedService(
  raw: RawService,
  networkNameById: ReadonlyMap<string, string>,
): ArchivedService {
  const spec = structuredClone(raw.Spec ?? {});
  const name = spec.Name ?? raw.ID;
  const networkNames: Record<string, string> = {};
  for (const target of networkTargets(spec)) {
    const known = networkNameById.get(target);
    if (known !== undefined) networkNames[target] = known;
  }
  return {
    id: raw.ID,
    name,
    stack: spec.Labels?.[STACK_LABEL] ?? null,
    // Kept exactly as the engine returned it; readArchive validates it against the contract.
    spec: { ...spec, Name: name, TaskTemplate: spec.TaskTemplate ?? {} } as ArchivedService['spec'],
    networkNames,
    createdAt: raw.CreatedAt ?? null,
  };
}

/** Every network Target of a service spec, in both the current and the deprecated place. */
export function networkTargets(spec: RawServiceSpec): string[] {
  const attachments: RawNetworkAttachment[] = [
    ...(spec.TaskTemplate?.Networks ?? []),
    ...(spec.Networks ?? []),
  ];
  return [...new Set(attachments.map((a) => a.Target).filter((t): t is string => typeof t === 'string'))];
}

/** The config and secret references of a service spec, by id and by name. */
export function fileReferences(spec: RawServiceSpec): { configs: string[]; secrets: string[] } {
  const container = spec.TaskTemplate?.ContainerSpec;
  const configs = (container?.Configs ?? []).flatMap((c) => [c.ConfigID, c.ConfigName]);
  const secrets = (container?.Secrets ?? []).flatMap((s) => [s.SecretID, s.SecretName]);
  const present = (values: (string | undefined)[]) => values.filter((v): v is string => v !== undefined);
  return { configs: present(configs), secrets: present(secrets) };
}
