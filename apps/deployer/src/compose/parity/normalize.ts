import type { StackSnapshot } from './snapshot.js';

/** What every stack name is replaced with, so two stacks deployed from the same file compare equal. */
export const STACK_PLACEHOLDER = '<stack>';

/** A stack snapshot with names made comparable: keyed by compose name, ids replaced by names. */
export interface NormalizedStack {
  services: Record<string, unknown>;
  networks: Record<string, unknown>;
  configs: Record<string, unknown>;
  secrets: Record<string, unknown>;
}

/** Options of {@link normalizeStack}. */
export interface NormalizeOptions {
  stack: string;
  /** Subnets the compose file declares; any other subnet was picked by the engine and is masked. */
  declaredSubnets: Set<string>;
}

// Swarmops versions content-bearing configs and secrets: `<stack>_<name>-<sha256[0:12]>`, or
// `<name>-<sha256[0:12]>` for one with its own `name:`.
const VERSION_SUFFIX = /^(.+)-[0-9a-f]{12}$/;
const VXLAN_OPTION = 'com.docker.network.driver.overlay.vxlanid_list';

/**
 * Makes a snapshot comparable with one of another stack:
 * - the stack name becomes `<stack>` in every string (names, labels, aliases, volume names);
 * - network attachment targets (stored as ids) become network names;
 * - config and secret references lose their ids (checked to name the object they point at);
 * - versioned config and secret names (`<stack>_x-<12 hex>`) become base names (`<stack>_x`);
 * - references to configs and secrets are sorted by name and target: docker orders them by name only, and
 *   two references to one object come out in either order from run to run;
 * - engine-assigned subnets, gateways and VXLAN ids become `<assigned>`.
 * Engine defaults are left as they are: both stacks went through the same engine.
 */
export function normalizeStack(snapshot: StackSnapshot, options: NormalizeOptions): NormalizedStack {
  const rename = (value: unknown): unknown => replaceStack(value, options.stack);
  const services: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(snapshot.services)) {
    const copy = structuredClone(spec) as ServiceSpecLike;
    resolveReferences(copy, snapshot);
    services[descope(name, options.stack)] = stripVersions(rename(copy), REFERENCE_KEYS);
  }
  const networks: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(snapshot.networks))
    networks[descope(name, options.stack)] = maskAssigned(rename(spec), options.declaredSubnets);
  return {
    services,
    networks,
    configs: objectsByBaseName(snapshot.configs, options.stack),
    secrets: objectsByBaseName(snapshot.secrets, options.stack),
  };
}

interface ServiceSpecLike {
  TaskTemplate?: {
    Networks?: Array<{ Target?: string }>;
    ContainerSpec?: {
      Configs?: Array<{ ConfigID?: string; ConfigName?: string }>;
      Secrets?: Array<{ SecretID?: string; SecretName?: string }>;
    };
  };
  Networks?: Array<{ Target?: string }>;
}

function resolveReferences(spec: ServiceSpecLike, snapshot: StackSnapshot): void {
  for (const attachment of [...(spec.TaskTemplate?.Networks ?? []), ...(spec.Networks ?? [])]) {
    if (attachment.Target !== undefined)
      attachment.Target =
        snapshot.networkNames[attachment.Target] ?? `<unknown network ${attachment.Target}>`;
  }
  for (const ref of spec.TaskTemplate?.ContainerSpec?.Configs ?? []) {
    const named = ref.ConfigID === undefined ? undefined : snapshot.configNames[ref.ConfigID];
    if (named !== ref.ConfigName)
      ref.ConfigName = `<config id ${ref.ConfigID} is ${named}, not ${ref.ConfigName}>`;
    delete ref.ConfigID;
  }
  for (const ref of spec.TaskTemplate?.ContainerSpec?.Secrets ?? []) {
    const named = ref.SecretID === undefined ? undefined : snapshot.secretNames[ref.SecretID];
    if (named !== ref.SecretName)
      ref.SecretName = `<secret id ${ref.SecretID} is ${named}, not ${ref.SecretName}>`;
    delete ref.SecretID;
  }
  const container = spec.TaskTemplate?.ContainerSpec;
  if (container?.Configs !== undefined) container.Configs.sort(byReference);
  if (container?.Secrets !== undefined) container.Secrets.sort(byReference);
}

function byReference(a: object, b: object): number {
  const key = (r: object): string =>
    JSON.stringify([
      (r as { ConfigName?: string; SecretName?: string }).ConfigName ??
        (r as { SecretName?: string }).SecretName,
      (r as { File?: { Name?: string } }).File?.Name,
    ]);
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

function objectsByBaseName(objects: Record<string, unknown>, stack: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(objects)) {
    const normalized = stripVersions(replaceStack(spec, stack), OBJECT_KEYS);
    result[baseName(replaceStack(name, stack) as string)] = normalized;
  }
  return result;
}

function descope(name: string, stack: string): string {
  return name.startsWith(`${stack}_`) ? name.slice(stack.length + 1) : name;
}

function baseName(name: string): string {
  return VERSION_SUFFIX.exec(name)?.[1] ?? name;
}

function replaceStack(value: unknown, stack: string): unknown {
  if (typeof value === 'string') return value.split(stack).join(STACK_PLACEHOLDER);
  if (Array.isArray(value)) return value.map((v) => replaceStack(v, stack));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [replaceStack(k, stack) as string, replaceStack(v, stack)]),
    );
  return value;
}

// Only names of configs and secrets carry versions: the references' ConfigName/SecretName in a service
// spec, the Name of a config or secret spec.
const REFERENCE_KEYS = new Set(['ConfigName', 'SecretName']);
const OBJECT_KEYS = new Set(['Name']);

function stripVersions(value: unknown, keys: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => stripVersions(v, keys));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        keys.has(k) && typeof v === 'string' ? baseName(v) : stripVersions(v, keys),
      ]),
    );
  return value;
}

// The engine picks a VXLAN id per overlay network, and a subnet unless the file declares one.
function maskAssigned(value: unknown, declared: Set<string>): unknown {
  const network = value as {
    IPAM?: { Config?: Array<Record<string, unknown>> | null };
    Options?: Record<string, string> | null;
  };
  if (network.Options?.[VXLAN_OPTION] !== undefined) network.Options[VXLAN_OPTION] = '<assigned>';
  for (const config of network.IPAM?.Config ?? []) {
    if (typeof config.Subnet === 'string' && !declared.has(config.Subnet)) {
      config.Subnet = '<assigned>';
      if (config.Gateway !== undefined) config.Gateway = '<assigned>';
    }
  }
  return value;
}
