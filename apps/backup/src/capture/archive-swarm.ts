import type { ArchivedNode, ArchivedSwarm } from '@swarmops/contracts';
import type { RawNode, RawSwarm } from './raw-docker.js';

// CA key material may appear in CAConfig when an operator set an external signing CA; it must never be
// written to an archive. Join tokens and unlock keys live outside `.Spec` and are never read.
const CA_KEY_FIELDS = ['SigningCACert', 'SigningCAKey'] as const;

/** The swarm's settings from `docker swarm inspect`: `.Spec` only, without any CA key material. */
export function toArchivedSwarm(raw: RawSwarm): ArchivedSwarm {
  const spec = structuredClone(raw.Spec ?? {});
  const ca = spec.CAConfig;
  if (ca !== null && typeof ca === 'object') {
    for (const field of CA_KEY_FIELDS) delete (ca as Record<string, unknown>)[field];
  }
  return { clusterId: raw.ID, createdAt: raw.CreatedAt ?? null, spec };
}

/** A node's declared state (role, availability, labels) keyed by hostname for restore. */
export function toArchivedNode(raw: RawNode): ArchivedNode {
  return {
    id: raw.ID,
    hostname: raw.Description?.Hostname ?? raw.ID,
    role: raw.Spec?.Role === 'manager' ? 'manager' : 'worker',
    availability: toAvailability(raw.Spec?.Availability),
    labels: { ...(raw.Spec?.Labels ?? {}) },
  };
}

function toAvailability(value: string | undefined): ArchivedNode['availability'] {
  return value === 'pause' || value === 'drain' ? value : 'active';
}
