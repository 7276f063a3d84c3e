import type { ArchivedConfig, ArchivedSecret } from '@swarmops/contracts';
import { STACK_LABEL } from '../domain/cluster-state.js';
import type { RawConfig, RawSecret } from './raw-docker.js';

/** A config with its data (base64, as the engine returns it). */
export function toArchivedConfig(raw: RawConfig): ArchivedConfig {
  const spec = structuredClone(raw.Spec ?? {});
  const name = spec.Name ?? raw.ID;
  return {
    id: raw.ID,
    name,
    stack: spec.Labels?.[STACK_LABEL] ?? null,
    spec: { ...spec, Name: name, Data: spec.Data ?? '' },
    createdAt: raw.CreatedAt ?? null,
  };
}

/** A secret's metadata. The engine never returns a value; `Data` is dropped anyway should one appear. */
export function toArchivedSecret(raw: RawSecret): ArchivedSecret {
  const { Data: _value, ...spec } = structuredClone(raw.Spec ?? {});
  const name = spec.Name ?? raw.ID;
  return {
    id: raw.ID,
    name,
    stack: spec.Labels?.[STACK_LABEL] ?? null,
    spec: { ...spec, Name: name },
    createdAt: raw.CreatedAt ?? null,
  };
}
