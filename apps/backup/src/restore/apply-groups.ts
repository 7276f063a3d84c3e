import type { RestoreApplyItem, RestorePlan, RestorePlanItem } from '@swarmops/contracts';
import type { ClusterState } from '../domain/cluster-state.js';
import { configItem, networkItem, serviceItem } from './apply-items.js';
import { chunk } from './apply-chunk.js';
import { unchangedReferences } from './apply-refs.js';
import { stackVersionName } from './plan-stack-versions.js';
import { serviceReferences } from './references.js';
import { swarmSettings } from './swarm-settings.js';

/** One `restore.apply` request's worth of items: `stack` null for cluster-wide objects. */
export interface ApplyGroup {
  stack: string | null;
  items: RestoreApplyItem[];
}

export { MAX_GROUP_ITEMS } from './apply-chunk.js';

/**
 * Turns the plan's `create` and `update` items into deployer requests, in order: the cluster-wide group
 * (swarm, nodes, standalone networks, configs, secrets and services), then one group per stack (by name),
 * then — only when needed — a last cluster-wide group for standalone services that use objects a stack
 * group creates. Specs go BY NAME; a secret's Data is the base64 of its value from the secrets file.
 * A group also carries the networks and configs its services use that the plan leaves `unchanged`, so a
 * network still being deleted when the plan was made is created again (the plan itself is not changed).
 * @throws Error naming a secret the plan creates but `secretValues` lacks (the plan and values disagree).
 */
export function toApplyGroups(
  plan: RestorePlan,
  archive: ClusterState,
  secretValues: ReadonlyMap<string, Buffer>,
): ApplyGroup[] {
  const applied = plan.items.filter((i) => i.action === 'create' || i.action === 'update');
  const stackOwned = new Set(
    applied.filter((i) => i.stack !== null && i.kind !== 'service').map((i) => `${i.kind}:${i.name}`),
  );
  const first: RestoreApplyItem[] = [];
  const last: RestoreApplyItem[] = [];
  const byStack = new Map<string, RestoreApplyItem[]>();
  for (const planned of applied) {
    const item = toApplyItem(planned, archive, secretValues);
    if (planned.stack !== null) {
      const list = byStack.get(planned.stack) ?? [];
      list.push(item);
      byStack.set(planned.stack, list);
    } else if (item.kind === 'service' && usesStackObjects(planned, archive, stackOwned)) {
      last.push(item);
    } else {
      first.push(item);
    }
  }
  const stacks = [...byStack.keys()].sort();
  const needs = unchangedReferences(plan, archive);
  return [
    ...chunk(null, first, needs),
    ...stacks.flatMap((stack) => chunk(stack, byStack.get(stack) ?? [], needs)),
    ...chunk(null, last, needs),
  ];
}

function toApplyItem(
  planned: RestorePlanItem,
  archive: ClusterState,
  secretValues: ReadonlyMap<string, Buffer>,
): RestoreApplyItem {
  const missing = () => new Error(`${planned.kind} ${planned.name} is in the plan but not in the archive`);
  switch (planned.kind) {
    case 'swarm': {
      if (archive.swarm === null) throw missing();
      return { kind: 'swarm', name: 'swarm', spec: swarmSettings(archive.swarm.spec) };
    }
    case 'node': {
      const node = archive.nodes.find((n) => n.hostname === planned.name) ?? throwError(missing());
      return { kind: 'node', name: node.hostname, labels: node.labels, availability: node.availability };
    }
    case 'network':
      return networkItem(archive.networks.find((n) => n.name === planned.name) ?? throwError(missing()));
    case 'config':
      return configItem(archive.configs.find((c) => c.name === planned.name) ?? throwError(missing()));
    case 'secret': {
      const secret = archive.secrets.find((s) => s.name === planned.name) ?? throwError(missing());
      const value = secretValues.get(secret.name);
      if (value === undefined) throw new Error(`no value for secret ${secret.name} in the secrets file`);
      const spec = { ...secret.spec, Name: secret.name, Data: value.toString('base64') };
      return { kind: 'secret', name: secret.name, spec };
    }
    case 'service':
      return serviceItem(archive.services.find((s) => s.name === planned.name) ?? throwError(missing()));
    case 'stack-version': {
      const stack = archive.stacks.find((s) => s.name === planned.stack);
      const version = stack?.versions.find((v) => stackVersionName(stack.name, v.version) === planned.name);
      if (stack === undefined || version === undefined) throw missing();
      return { kind: 'stack-version', name: planned.name, stack: stack.name, ...version };
    }
  }
}

function usesStackObjects(planned: RestorePlanItem, archive: ClusterState, owned: Set<string>): boolean {
  const service = archive.services.find((s) => s.name === planned.name);
  if (service === undefined) return false;
  const refs = serviceReferences(service);
  return (
    refs.networks.some((n) => owned.has(`network:${n}`)) ||
    refs.configs.some((c) => owned.has(`config:${c}`)) ||
    refs.secrets.some((s) => owned.has(`secret:${s}`))
  );
}

function throwError(error: Error): never {
  throw error;
}
