import type { Service } from '@swarmops/contracts';
import type { Doc, Entry } from './entry.js';
import { labelsOf, stackOf } from './labels.js';
import type { RawPort, RawService } from './raw-docker.js';

/** What a service's document needs besides the Docker object. */
export interface ServiceContext {
  /** Network id to name; an id not in the map is reported as is. */
  networkNames: ReadonlyMap<string, string>;
  /** Tasks of this service with state `running` and desired state `running`. */
  running: number;
}

/**
 * A Docker service (from `listServices({ status: true })`) as the contract Service. `image` is the
 * spec's image exactly, digest included when the engine pinned one (`nginx:1.25@sha256:...`).
 */
export function normalizeService(raw: RawService, { networkNames, running }: ServiceContext): Service {
  const spec = raw.Spec ?? {};
  const labels = labelsOf(spec.Labels);
  const global = spec.Mode?.Global !== undefined || spec.Mode?.GlobalJob !== undefined;
  const attachments = spec.TaskTemplate?.Networks ?? spec.Networks ?? [];
  const u = raw.UpdateStatus;
  return {
    id: raw.ID,
    name: spec.Name ?? raw.ID,
    image: spec.TaskTemplate?.ContainerSpec?.Image ?? '',
    mode: global ? 'global' : 'replicated',
    replicas: { desired: desiredReplicas(raw, global), running },
    constraints: [...(spec.TaskTemplate?.Placement?.Constraints ?? [])],
    labels,
    stack: stackOf(labels),
    ports: (raw.Endpoint?.Ports ?? spec.EndpointSpec?.Ports ?? []).map(port),
    networks: attachments
      .map((n) => n.Target ?? '')
      .filter((id) => id !== '')
      .map((id) => networkNames.get(id) ?? id),
    updateStatus: u?.State
      ? {
          state: u.State,
          ...(u.Message ? { message: u.Message } : {}),
          ...(u.StartedAt ? { startedAt: u.StartedAt } : {}),
        }
      : null,
  };
}

/** The stored entry of a service: the document and the raw spec for `services.get`. */
export function serviceEntry(raw: RawService, context: ServiceContext): Entry {
  const doc = normalizeService(raw, context);
  return {
    id: doc.id,
    name: doc.name,
    doc,
    spec: (raw.Spec ?? {}) as Doc,
    version: raw.Version?.Index ?? 0,
  };
}

function desiredReplicas(raw: RawService, global: boolean): number {
  const mode = raw.Spec?.Mode;
  if (global) return raw.ServiceStatus?.DesiredTasks ?? 0;
  if (mode?.ReplicatedJob !== undefined) return mode.ReplicatedJob.MaxConcurrent ?? 1;
  return mode?.Replicated?.Replicas ?? 1;
}

function port(p: RawPort): NonNullable<Service['ports']>[number] {
  const protocol = p.Protocol === 'udp' || p.Protocol === 'sctp' ? p.Protocol : 'tcp';
  return {
    target: p.TargetPort ?? 0,
    ...(p.PublishedPort ? { published: p.PublishedPort } : {}),
    protocol,
    mode: p.PublishMode === 'host' ? 'host' : 'ingress',
  };
}
