import { normalizeConfigSpec, normalizeNetworkSpec } from '@swarmops/contracts';
import type { ArchivedConfig, ArchivedNetwork, ArchivedSecret, RestorePlanItem } from '@swarmops/contracts';
import type { ClusterState } from '../domain/cluster-state.js';
import { fieldChanges } from './field-changes.js';

/** Tells the operator where secret values come from. */
export function missingSecretReason(name: string): string {
  return `no value for secret ${name}: add it to BACKUP_SECRETS_FILE (see docs/backup.md)`;
}

/**
 * Networks: create when missing, unchanged when the live one has the same settings. Networks cannot be
 * changed in place, so a live one with other settings is skipped with the differences.
 */
export function planNetworks(networks: ArchivedNetwork[], live: ClusterState): RestorePlanItem[] {
  return byName(networks).map((network): RestorePlanItem => {
    const base = { kind: 'network', name: network.name, stack: network.stack } as const;
    const current = live.networks.find((n) => n.name === network.name);
    if (current === undefined) return { ...base, action: 'create' };
    const changes = fieldChanges(normalizeNetworkSpec(current.spec), normalizeNetworkSpec(network.spec));
    if (changes.length === 0) return { ...base, action: 'unchanged' };
    return {
      ...base,
      action: 'skip',
      reason: `network ${network.name} exists with other settings (${paths(changes)}): networks cannot be changed in place; remove it to restore the backed-up one`,
      changes,
    };
  });
}

/** Configs: create when missing; configs are immutable, so a live one with other data is skipped. */
export function planConfigs(configs: ArchivedConfig[], live: ClusterState): RestorePlanItem[] {
  return byName(configs).map((config): RestorePlanItem => {
    const base = { kind: 'config', name: config.name, stack: config.stack } as const;
    const current = live.configs.find((c) => c.name === config.name);
    if (current === undefined) return { ...base, action: 'create' };
    if (current.spec.Data === config.spec.Data) return { ...base, action: 'unchanged' };
    const changes = fieldChanges(normalizeConfigSpec(current.spec), normalizeConfigSpec(config.spec));
    return {
      ...base,
      action: 'skip',
      reason: `config ${config.name} exists with different data: configs are immutable; remove it (and the services using it) to restore the backed-up one`,
      changes,
    };
  });
}

/**
 * Secrets: an existing one is left as it is (Docker never returns values, and secrets are immutable); a
 * missing one is created from the secrets file, or skipped when the file has no value for it.
 */
export function planSecrets(
  secrets: ArchivedSecret[],
  live: ClusterState,
  secretValues: ReadonlySet<string>,
): RestorePlanItem[] {
  return byName(secrets).map((secret): RestorePlanItem => {
    const base = { kind: 'secret', name: secret.name, stack: secret.stack } as const;
    if (live.secrets.some((s) => s.name === secret.name)) return { ...base, action: 'unchanged' };
    if (secretValues.has(secret.name)) return { ...base, action: 'create' };
    return { ...base, action: 'skip', reason: missingSecretReason(secret.name) };
  });
}

function byName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.name.localeCompare(b.name));
}

function paths(changes: { path: string }[]): string {
  return changes.map((c) => c.path).join(', ');
}
