import type { Node } from '@swarmops/contracts';
import type { Entry } from './entry.js';
import { labelsOf } from './labels.js';
import type { RawNode } from './raw-docker.js';

/**
 * A Docker node as the contract Node. The address is `Status.Addr`, except that a manager
 * advertising `0.0.0.0` reports the host of `ManagerStatus.Addr`. Docker's `disconnected` is `down`.
 */
export function normalizeNode(raw: RawNode): Node {
  const manager = raw.ManagerStatus;
  const node: Node = {
    id: raw.ID,
    hostname: raw.Description?.Hostname ?? raw.ID,
    ipAddress: nodeAddress(raw),
    role: raw.Spec?.Role === 'manager' ? 'manager' : 'worker',
    status: nodeStatus(raw.Status?.State),
    availability: availability(raw.Spec?.Availability),
    resources: {
      cpus: (raw.Description?.Resources?.NanoCPUs ?? 0) / 1e9,
      memoryBytes: raw.Description?.Resources?.MemoryBytes ?? 0,
    },
    labels: labelsOf(raw.Spec?.Labels),
    leader: manager?.Leader === true,
  };
  const engineVersion = raw.Description?.Engine?.EngineVersion;
  if (engineVersion !== undefined) node.engineVersion = engineVersion;
  if (manager !== undefined) node.reachability = reachability(manager.Reachability);
  return node;
}

/** The stored entry of a node. */
export function nodeEntry(raw: RawNode): Entry {
  const doc = normalizeNode(raw);
  return { id: doc.id, name: doc.hostname, doc, version: raw.Version?.Index ?? 0 };
}

function nodeAddress(raw: RawNode): string {
  const addr = raw.Status?.Addr ?? '';
  if (addr !== '' && addr !== '0.0.0.0') return addr;
  const managerAddr = raw.ManagerStatus?.Addr;
  if (managerAddr) return hostOf(managerAddr);
  return addr === '' ? 'unknown' : addr;
}

/** `10.0.0.1:2377` -> `10.0.0.1`; `[fd00::1]:2377` -> `fd00::1`. */
export function hostOf(hostPort: string): string {
  const colon = hostPort.lastIndexOf(':');
  const host = colon > 0 && !hostPort.endsWith(']') ? hostPort.slice(0, colon) : hostPort;
  return host.replace(/^\[|\]$/g, '');
}

function nodeStatus(state: string | undefined): Node['status'] {
  if (state === 'ready') return 'ready';
  if (state === 'down' || state === 'disconnected') return 'down';
  return 'unknown';
}

function availability(value: string | undefined): Node['availability'] {
  return value === 'pause' || value === 'drain' ? value : 'active';
}

function reachability(value: string | undefined): NonNullable<Node['reachability']> {
  return value === 'reachable' || value === 'unreachable' ? value : 'unknown';
}
