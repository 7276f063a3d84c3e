import type { RestorePlan, RestorePlanItem } from '@swarmops/contracts';
import type { ClusterState } from '../domain/cluster-state.js';
import { planNodes, planSwarm } from './plan-cluster.js';
import { planConfigs, planNetworks, planSecrets } from './plan-objects.js';
import { planServices } from './plan-services.js';
import { planStackVersions } from './plan-stack-versions.js';
import { selectRestoreScope } from './restore-scope.js';

export interface PlanRestoreInput {
  /** The archive's cluster state. */
  archive: ClusterState;
  /** The cluster it would be restored into, as captured now. */
  live: ClusterState;
  backupId: string;
  /** Only these stacks (their objects, the objects their services use, and their recorded versions). */
  stacks?: readonly string[] | null | undefined;
  /** Only these services (full names) and the networks, configs and secrets they use. */
  services?: readonly string[] | null | undefined;
  /** Names of the secrets the operator's secrets file has values for. */
  secretValues: ReadonlySet<string>;
}

/**
 * The diff between an archive and the live cluster, in apply order: swarm, nodes, networks, configs,
 * secrets, services, stack versions (each by name). Pure: the same input gives the same plan, and a plan
 * of an archive against the cluster it restored gives only `unchanged` (and `skip`) items.
 * @throws AppError NOT_FOUND when a filter names a stack or service the archive does not hold.
 */
export function planRestore(input: PlanRestoreInput): RestorePlan {
  const { archive, live, secretValues } = input;
  const scope = selectRestoreScope(archive, input);
  const networks = planNetworks(scope.networks, live);
  const configs = planConfigs(scope.configs, live);
  const secrets = planSecrets(scope.secrets, live, secretValues);
  const created = (items: RestorePlanItem[]) => items.filter((i) => i.action === 'create').map((i) => i.name);
  const services = planServices(scope.services, live, {
    networks: new Set([...live.networks.map((n) => n.name), ...created(networks)]),
    configs: new Set([...live.configs.map((c) => c.name), ...created(configs)]),
    secrets: new Set([...live.secrets.map((s) => s.name), ...created(secrets)]),
    secretsWithoutValue: new Set(secrets.filter((s) => s.action === 'skip').map((s) => s.name)),
  });
  const items = [
    ...(scope.cluster ? [...planSwarm(archive, live), ...planNodes(archive, live)] : []),
    ...networks,
    ...configs,
    ...secrets,
    ...services,
    ...planStackVersions(scope.stacks, live),
  ];
  const count = (action: RestorePlanItem['action']) => items.filter((i) => i.action === action).length;
  return {
    backupId: input.backupId,
    sourceClusterId: archive.clusterId,
    targetClusterId: live.clusterId,
    stacks: input.stacks === undefined || input.stacks === null ? null : [...input.stacks],
    services: input.services === undefined || input.services === null ? null : [...input.services],
    items,
    counts: {
      create: count('create'),
      update: count('update'),
      unchanged: count('unchanged'),
      skip: count('skip'),
    },
  };
}
