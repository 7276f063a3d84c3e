import type Dockerode from 'dockerode';
import { containerSpecOf, withContainerSpec } from '../container-spec.js';

// A restored service spec names its networks, configs and secrets; the target swarm has its own ids.

/** The names a by-name service spec refers to. */
export interface ServiceRefs {
  networks: string[];
  configs: string[];
  secrets: string[];
}

/** Name → id of the target swarm's networks, configs and secrets. */
export interface RefIds {
  networks: Record<string, string>;
  configs: Record<string, string>;
  secrets: Record<string, string>;
}

type Attachment = { Target?: string } & Record<string, unknown>;

function attachmentsOf(spec: Dockerode.ServiceSpec): { template: Attachment[]; top: Attachment[] } {
  const template = (spec.TaskTemplate as { Networks?: Attachment[] } | undefined)?.Networks ?? [];
  const top = (spec as { Networks?: Attachment[] }).Networks ?? [];
  return { template, top };
}

/** Every network, config and secret name the spec references (sorted, unique). */
export function referencedNames(spec: Dockerode.ServiceSpec): ServiceRefs {
  const { template, top } = attachmentsOf(spec);
  const container = containerSpecOf(spec);
  const unique = (names: (string | undefined)[]) =>
    [...new Set(names.filter((n): n is string => n !== undefined && n !== ''))].sort();
  return {
    networks: unique([...template, ...top].map((n) => n.Target)),
    configs: unique((container?.Configs ?? []).map((c) => c.ConfigName)),
    secrets: unique((container?.Secrets ?? []).map((s) => s.SecretName)),
  };
}

/** The references of `refs` that `available` lacks, as `network x`, `config y`, `secret z`. */
export function missingRefs(
  refs: ServiceRefs,
  available: { networks: Set<string>; configs: Set<string>; secrets: Set<string> },
): string[] {
  return [
    ...refs.networks.filter((n) => !available.networks.has(n)).map((n) => `network ${n}`),
    ...refs.configs.filter((n) => !available.configs.has(n)).map((n) => `config ${n}`),
    ...refs.secrets.filter((n) => !available.secrets.has(n)).map((n) => `secret ${n}`),
  ];
}

/**
 * The spec the Engine API takes: network Targets, ConfigIDs and SecretIDs resolved from names to this swarm's
 * ids; `missing` lists what could not be resolved (the spec is then not to be sent).
 */
export function resolveRefs(
  spec: Dockerode.ServiceSpec,
  ids: RefIds,
): { spec: Dockerode.ServiceSpec; missing: string[] } {
  const missing = missingRefs(referencedNames(spec), {
    networks: new Set(Object.keys(ids.networks)),
    configs: new Set(Object.keys(ids.configs)),
    secrets: new Set(Object.keys(ids.secrets)),
  });
  const toId = (n: Attachment): Attachment => ({ ...n, Target: ids.networks[n.Target ?? ''] ?? n.Target });
  const { template, top } = attachmentsOf(spec);
  let out: Dockerode.ServiceSpec = { ...spec };
  if (template.length > 0) {
    out.TaskTemplate = {
      ...spec.TaskTemplate,
      Networks: template.map(toId),
    };
  }
  if (top.length > 0) (out as { Networks?: Attachment[] }).Networks = top.map(toId);
  const container = containerSpecOf(out);
  if (container !== undefined) {
    out = withContainerSpec(out, (c) => ({
      ...c,
      ...(c.Configs === undefined
        ? {}
        : { Configs: c.Configs.map((o) => ({ ...o, ConfigID: ids.configs[o.ConfigName ?? ''] ?? '' })) }),
      ...(c.Secrets === undefined
        ? {}
        : { Secrets: c.Secrets.map((o) => ({ ...o, SecretID: ids.secrets[o.SecretName ?? ''] ?? '' })) }),
    }));
  }
  return { spec: out, missing };
}
