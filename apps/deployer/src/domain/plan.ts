import type Dockerode from 'dockerode';
import type { Plan, PlanChange, PlanFieldChange } from '@swarmops/contracts';
import type { DesiredObject, DesiredService, DesiredStack } from '../compose/types.js';
import { CONTENT_DIGEST_LABEL, isTemporaryService } from './live.js';
import type { LiveObject, LiveService, LiveStack } from './live.js';
import { diffSpecs } from './spec-diff.js';
import { withRollingDefaults } from './rolling-defaults.js';
import { imageOf } from './container-spec.js';

/** A service that changes, with the spec the engine applies (engine defaults included). */
export interface ServiceUpdate {
  desired: DesiredService;
  spec: Dockerode.ServiceSpec;
  live: LiveService;
  restartsTasks: boolean;
}

/** What a deploy does, object by object, and the readable plan of it. */
export interface ChangeSet {
  plan: Plan;
  createServices: { desired: DesiredService; spec: Dockerode.ServiceSpec }[];
  updateServices: ServiceUpdate[];
  unchangedServices: LiveService[];
  /** Services no longer in the file, and leftover `--green` / `--canary` services. */
  removeServices: LiveService[];
  createNetworks: DesiredStack['networks'];
  removeNetworks: LiveObject[];
  createConfigs: DesiredObject[];
  removeConfigs: LiveObject[];
  createSecrets: DesiredObject[];
  removeSecrets: LiveObject[];
  /** External networks, configs and secrets the file names that do not exist. */
  missingExternal: string[];
}

/** The live objects the plan needs besides the stack: names of every network and external object. */
export interface PlanContext {
  /** Network id → name, for every network (live specs name networks by id). */
  networkNames: Record<string, string>;
  /** Names of every config and secret in the cluster (external ones must exist). */
  configNames: ReadonlySet<string>;
  secretNames: ReadonlySet<string>;
  /** The newest recorded version of the stack (0 when none). */
  liveVersion: number;
}

/** Diffs a desired stack against the live one. Pure: the engine applies the result. */
export function planStack(desired: DesiredStack, live: LiveStack, ctx: PlanContext): ChangeSet {
  const liveByName = new Map(live.services.map((s) => [s.name, s]));
  const set: ChangeSet = {
    plan: emptyPlan(desired, ctx.liveVersion + 1),
    createServices: [],
    updateServices: [],
    unchangedServices: [],
    removeServices: [],
    createNetworks: [],
    removeNetworks: [],
    createConfigs: [],
    removeConfigs: [],
    createSecrets: [],
    removeSecrets: [],
    missingExternal: [],
  };
  const changes: PlanChange[] = [];
  planNetworks(desired, live, ctx, set, changes);
  planObjects(
    'config',
    desired.configs,
    live.configs,
    ctx.configNames,
    set.createConfigs,
    set.removeConfigs,
    set,
    changes,
  );
  planObjects(
    'secret',
    desired.secrets,
    live.secrets,
    ctx.secretNames,
    set.createSecrets,
    set.removeSecrets,
    set,
    changes,
  );
  for (const service of desired.services) {
    const spec = withRollingDefaults(service.spec, service.healthcheck);
    const current = liveByName.get(service.fullName);
    if (current === undefined) {
      set.createServices.push({ desired: service, spec });
      changes.push(change('service', service.name, service.fullName, 'create', false, createFields(spec)));
      continue;
    }
    const fields = diffSpecs(withNetworkNames(current.spec, ctx.networkNames), spec);
    if (fields.length === 0) {
      set.unchangedServices.push(current);
      changes.push(change('service', service.name, service.fullName, 'unchanged', false, []));
      continue;
    }
    const restartsTasks = fields.some((f) => f.path.startsWith('TaskTemplate'));
    set.updateServices.push({ desired: service, spec, live: current, restartsTasks });
    changes.push(change('service', service.name, service.fullName, 'update', restartsTasks, fields));
  }
  const wanted = new Set(desired.services.map((s) => s.fullName));
  for (const service of live.services) {
    if (wanted.has(service.name) && !isTemporaryService(service.name)) continue;
    set.removeServices.push(service);
    changes.push(change('service', shortName(live.stack, service.name), service.name, 'remove', false, []));
  }
  set.plan.changes = changes;
  set.plan.summary = summarize(changes);
  return set;
}

function planNetworks(
  desired: DesiredStack,
  live: LiveStack,
  ctx: PlanContext,
  set: ChangeSet,
  changes: PlanChange[],
): void {
  const liveNames = new Set(live.networks.map((n) => n.name));
  const allNames = new Set(Object.values(ctx.networkNames));
  for (const network of desired.networks) {
    if (network.external) {
      if (!allNames.has(network.fullName)) set.missingExternal.push(`network ${network.fullName}`);
      continue;
    }
    const exists = liveNames.has(network.fullName);
    if (!exists) set.createNetworks.push(network);
    const fields = exists ? [] : [{ path: 'Driver', new: network.spec?.Driver ?? 'overlay' }];
    changes.push(
      change('network', network.name, network.fullName, exists ? 'unchanged' : 'create', false, fields),
    );
  }
  const wanted = new Set(desired.networks.map((n) => n.fullName));
  for (const network of live.networks) {
    if (wanted.has(network.name)) continue;
    set.removeNetworks.push(network);
    changes.push(change('network', shortName(live.stack, network.name), network.name, 'remove', false, []));
  }
}

function planObjects(
  kind: 'config' | 'secret',
  desired: DesiredObject[],
  live: LiveObject[],
  allNames: ReadonlySet<string>,
  create: DesiredObject[],
  remove: LiveObject[],
  set: ChangeSet,
  changes: PlanChange[],
): void {
  const liveNames = new Set(live.map((o) => o.name));
  for (const object of desired) {
    if (object.external) {
      if (!allNames.has(object.fullName)) set.missingExternal.push(`${kind} ${object.fullName}`);
      continue;
    }
    if (liveNames.has(object.fullName)) {
      changes.push(change(kind, object.name, object.fullName, 'unchanged', false, []));
      continue;
    }
    create.push(object);
    // Only the digest of the content is shown, never the content.
    const older = live.find((o) => o.name.startsWith(`${set.plan.stack}_${object.name}-`));
    const field: PlanFieldChange = { path: 'Digest', new: `sha256:${object.digest ?? ''}` };
    const oldDigest = older?.labels[CONTENT_DIGEST_LABEL];
    if (oldDigest !== undefined) field.old = `sha256:${oldDigest}`;
    changes.push(change(kind, object.name, object.fullName, 'create', false, [field]));
  }
  const wanted = new Set(desired.map((o) => o.fullName));
  for (const object of live) {
    if (wanted.has(object.name)) continue;
    remove.push(object);
    // A versioned object's compose name is its name without the `-<digest>` suffix.
    const name = shortName(set.plan.stack, object.name).replace(/-[0-9a-f]{12}$/, '');
    changes.push(change(kind, name, object.name, 'remove', false, []));
  }
}

/** A live spec with network ids replaced by names, so it compares with a compose-made spec. */
export function withNetworkNames(
  spec: Dockerode.ServiceSpec,
  names: Record<string, string>,
): Dockerode.ServiceSpec {
  const networks = spec.TaskTemplate?.Networks;
  if (networks === undefined || spec.TaskTemplate === undefined) return spec;
  return {
    ...spec,
    TaskTemplate: {
      ...spec.TaskTemplate,
      Networks: networks.map((n) => ({ ...n, Target: names[n.Target ?? ''] ?? n.Target })),
    },
  };
}

function createFields(spec: Dockerode.ServiceSpec): PlanFieldChange[] {
  const fields: PlanFieldChange[] = [{ path: 'TaskTemplate.ContainerSpec.Image', new: imageOf(spec) }];
  if (spec.Mode !== undefined) fields.push({ path: 'Mode', new: spec.Mode });
  return fields;
}

function change(
  kind: PlanChange['kind'],
  name: string,
  fullName: string,
  action: PlanChange['action'],
  restartsTasks: boolean,
  fields: PlanFieldChange[],
): PlanChange {
  return { kind, name, fullName, action, restartsTasks, fields };
}

function shortName(stack: string, fullName: string): string {
  return fullName.startsWith(`${stack}_`) ? fullName.slice(stack.length + 1) : fullName;
}

function emptyPlan(desired: DesiredStack, version: number): Plan {
  return {
    stack: desired.stack,
    version,
    changes: [],
    warnings: desired.warnings,
    summary: { create: 0, update: 0, remove: 0, unchanged: 0, restarts: 0 },
  };
}

/** Counts of a plan's changes by action, and how many restart tasks. */
export function summarize(changes: readonly PlanChange[]): Plan['summary'] {
  const summary = { create: 0, update: 0, remove: 0, unchanged: 0, restarts: 0 };
  for (const c of changes) {
    summary[c.action] += 1;
    if (c.restartsTasks) summary.restarts += 1;
  }
  return summary;
}

/** True when applying the change set would change nothing. */
export function isNoop(set: ChangeSet): boolean {
  const s = set.plan.summary;
  return s.create === 0 && s.update === 0 && s.remove === 0;
}
