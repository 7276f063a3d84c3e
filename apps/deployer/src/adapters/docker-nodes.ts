import type Dockerode from 'dockerode';
import type { NodeAvailability } from '@swarmops/contracts';
import type { NodeFacts } from '../domain/node-guard.js';

/** A node as the deployer needs it to change its availability: facts, Swarm's version index and spec. */
export interface LiveNode extends NodeFacts {
  version: number;
  spec: Record<string, unknown>;
}

/** Node reads and availability changes (`docker node ls`, `docker node update --availability`). */
export interface NodeDocker {
  list(): Promise<LiveNode[]>;
  /** Writes the node's spec back with a new availability, under Swarm's version index. */
  setAvailability(node: LiveNode, availability: NodeAvailability): Promise<void>;
}

interface RawNode {
  ID: string;
  Version?: { Index?: number };
  Spec?: { Role?: string; Availability?: string } & Record<string, unknown>;
  Description?: { Hostname?: string };
  Status?: { State?: string };
}

/** Creates the adapter over a dockerode client (created with a per-call timeout). */
export function createNodeDocker(docker: Dockerode): NodeDocker {
  return {
    async list() {
      const nodes = (await docker.listNodes()) as RawNode[];
      return nodes.map(toLiveNode);
    },
    async setAvailability(node, availability) {
      await docker.getNode(node.id).update({
        _query: { version: node.version },
        _body: { ...node.spec, Availability: availability },
      });
    },
  };
}

function toLiveNode(raw: RawNode): LiveNode {
  const spec = raw.Spec ?? {};
  const availability = spec.Availability;
  return {
    id: raw.ID,
    hostname: raw.Description?.Hostname ?? raw.ID,
    role: spec.Role === 'manager' ? 'manager' : 'worker',
    availability: availability === 'pause' || availability === 'drain' ? availability : 'active',
    state: raw.Status?.State ?? 'unknown',
    version: raw.Version?.Index ?? 0,
    spec,
  };
}
