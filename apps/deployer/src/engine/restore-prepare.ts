import type Dockerode from 'dockerode';
import type { PlanFieldChange, RestoreApplyItem, RestoreApplyOutcome } from '@swarmops/contracts';
import type { LiveService } from '../domain/live.js';
import { planNodeRestore } from '../domain/restore/node.js';
import { missingRefs, referencedNames } from '../domain/restore/service-refs.js';
import { planServiceRestore, sameData } from '../domain/restore/service.js';
import { planSwarmRestore } from '../domain/restore/swarm.js';
import { mapBounded } from './bounded.js';
import type { EngineDeps } from './types.js';

/** What a restore does to one item, decided from the live cluster before anything changes. */
export type RestoreDecision =
  | { item: RestoreApplyItem; action: 'unchanged' }
  | { item: RestoreApplyItem; action: 'skip' | 'fail'; reason: string }
  | {
      item: Extract<RestoreApplyItem, { kind: 'swarm' }>;
      action: 'update';
      version: number;
      spec: Record<string, unknown>;
      changes: PlanFieldChange[];
    }
  | { item: Extract<RestoreApplyItem, { kind: 'node' }>; action: 'update'; apply: () => Promise<void> }
  | {
      item: Extract<RestoreApplyItem, { kind: 'network' | 'config' | 'secret' | 'stack-version' }>;
      action: 'create';
    }
  | { item: Extract<RestoreApplyItem, { kind: 'service' }>; action: 'create'; spec: Dockerode.ServiceSpec }
  | {
      item: Extract<RestoreApplyItem, { kind: 'service' }>;
      action: 'update';
      spec: Dockerode.ServiceSpec;
      live: LiveService;
      changes: PlanFieldChange[];
    };

/** The order a restore applies kinds in: what services reference exists before them. */
export const KIND_ORDER: readonly RestoreApplyOutcome['kind'][] = [
  'swarm',
  'node',
  'network',
  'config',
  'secret',
  'service',
  'stack-version',
];

/** The items in {@link KIND_ORDER}, keeping the given order within a kind. */
export function orderItems(items: readonly RestoreApplyItem[]): RestoreApplyItem[] {
  return KIND_ORDER.flatMap((kind) => items.filter((i) => i.kind === kind));
}

/**
 * Reads the live cluster once and decides every item. A service whose network, config or secret neither
 * exists nor is created by this same restore fails, naming it.
 */
export async function prepareRestore(
  deps: EngineDeps,
  items: readonly RestoreApplyItem[],
): Promise<RestoreDecision[]> {
  const has = (kind: RestoreApplyItem['kind']) => items.some((i) => i.kind === kind);
  const [networkNames, objectIds, nodes, swarm] = await Promise.all([
    deps.docker.networkNames(),
    deps.docker.objectIds(),
    has('node') ? deps.restoreDocker.nodes() : Promise.resolve([]),
    has('swarm') ? deps.restoreDocker.swarm() : Promise.resolve(null),
  ]);
  const available = {
    networks: new Set(Object.values(networkNames)),
    configs: new Set(Object.keys(objectIds.configs)),
    secrets: new Set(Object.keys(objectIds.secrets)),
  };
  const ordered = orderItems(items);
  // What this restore creates counts as available to the services after it.
  for (const item of ordered) {
    if (item.kind === 'network') available.networks.add(item.name);
    if (item.kind === 'config') available.configs.add(item.name);
    if (item.kind === 'secret') available.secrets.add(item.name);
  }
  return mapBounded(ordered, deps.maxParallel, async (item): Promise<RestoreDecision> => {
    switch (item.kind) {
      case 'swarm': {
        if (swarm === null) return { item, action: 'fail', reason: 'the swarm could not be read' };
        const plan = planSwarmRestore(swarm.spec, item.spec);
        if (plan.spec === null) return { item, action: 'unchanged' };
        return { item, action: 'update', version: swarm.version, spec: plan.spec, changes: plan.changes };
      }
      case 'node': {
        const plan = planNodeRestore(nodes, item);
        if (plan.outcome === 'unchanged') return { item, action: 'unchanged' };
        if (plan.outcome === 'skipped') return { item, action: 'skip', reason: plan.reason };
        if (plan.outcome === 'failed') return { item, action: 'fail', reason: plan.reason };
        const node = nodes.find((n) => n.id === plan.node.id);
        if (node === undefined) return { item, action: 'fail', reason: `node ${item.name} disappeared` };
        return {
          item,
          action: 'update',
          apply: () => deps.restoreDocker.updateNode(node, plan.labels, plan.availability),
        };
      }
      case 'network':
        return Object.values(networkNames).includes(item.name)
          ? { item, action: 'unchanged' }
          : { item, action: 'create' };
      case 'config': {
        const live = await deps.restoreDocker.findConfig(item.name);
        if (live === null) return { item, action: 'create' };
        const data = typeof item.spec.Data === 'string' ? item.spec.Data : '';
        return sameData(live.data, data)
          ? { item, action: 'unchanged' }
          : {
              item,
              action: 'fail',
              reason: `config ${item.name} exists with different data; configs are immutable: remove it or rename it`,
            };
      }
      case 'secret':
        return objectIds.secrets[item.name] === undefined
          ? { item, action: 'create' }
          : { item, action: 'unchanged' };
      case 'service':
        return decideService(deps, item, available, networkNames);
      case 'stack-version': {
        const stored = await deps.repo.getVersion(deps.clusterId, item.stack, item.version);
        return stored === null ? { item, action: 'create' } : { item, action: 'unchanged' };
      }
    }
  });
}

async function decideService(
  deps: EngineDeps,
  item: Extract<RestoreApplyItem, { kind: 'service' }>,
  available: { networks: Set<string>; configs: Set<string>; secrets: Set<string> },
  networkNames: Record<string, string>,
): Promise<RestoreDecision> {
  const spec = { ...item.spec, Name: item.name } as Dockerode.ServiceSpec;
  const missing = missingRefs(referencedNames(spec), available);
  if (missing.length > 0) {
    return {
      item,
      action: 'fail',
      reason: `service ${item.name} references what this swarm lacks: ${missing.join(', ')}`,
    };
  }
  // The engine also resolves an id prefix: only a service of exactly this name is this service.
  const found = await deps.docker.findService(item.name);
  const live = found?.name === item.name ? found : null;
  const plan = planServiceRestore(live?.spec ?? null, spec, networkNames);
  if (plan.action === 'unchanged') return { item, action: 'unchanged' };
  if (plan.action === 'create' || live === null) return { item, action: 'create', spec };
  return { item, action: 'update', spec, live, changes: plan.changes };
}
