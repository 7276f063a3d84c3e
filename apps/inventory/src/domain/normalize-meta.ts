import type { ConfigMeta, Network, SecretMeta } from '@swarmops/contracts';
import type { Entry } from './entry.js';
import { labelsOf, stackOf } from './labels.js';
import type { RawConfigOrSecret, RawNetwork } from './raw-docker.js';

const EPOCH = new Date(0).toISOString();

/** A swarm-scoped Docker network as the contract Network. */
export function normalizeNetwork(raw: RawNetwork): Network {
  const labels = labelsOf(raw.Labels);
  return {
    id: raw.Id,
    name: raw.Name,
    driver: raw.Driver ?? '',
    scope: raw.Scope ?? 'swarm',
    attachable: raw.Attachable === true,
    ingress: raw.Ingress === true,
    internal: raw.Internal === true,
    labels,
    stack: stackOf(labels),
  };
}

/** A config's metadata. `Spec.Data` is never read, so it can never be stored or sent. */
export function normalizeConfig(raw: RawConfigOrSecret): ConfigMeta {
  const labels = labelsOf(raw.Spec?.Labels);
  return {
    id: raw.ID,
    name: raw.Spec?.Name ?? raw.ID,
    labels,
    stack: stackOf(labels),
    createdAt: raw.CreatedAt ?? EPOCH,
    updatedAt: raw.UpdatedAt ?? raw.CreatedAt ?? EPOCH,
  };
}

/** A secret's metadata; there is no field for its value. */
export function normalizeSecret(raw: RawConfigOrSecret): SecretMeta {
  return { ...normalizeConfig(raw), driver: raw.Spec?.Driver?.Name ?? null };
}

export function networkEntry(raw: RawNetwork): Entry {
  const doc = normalizeNetwork(raw);
  return { id: doc.id, name: doc.name, doc };
}

export function configEntry(raw: RawConfigOrSecret): Entry {
  const doc = normalizeConfig(raw);
  return { id: doc.id, name: doc.name, doc, version: raw.Version?.Index ?? 0 };
}

export function secretEntry(raw: RawConfigOrSecret): Entry {
  const doc = normalizeSecret(raw);
  return { id: doc.id, name: doc.name, doc, version: raw.Version?.Index ?? 0 };
}
