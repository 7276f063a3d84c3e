import type Dockerode from 'dockerode';
import type { NodeAvailability } from '@swarmops/contracts';
import type { NodeWithLabels } from '../domain/restore/node.js';
import { createNodeDocker } from './docker-nodes.js';
import type { LiveNode } from './docker-nodes.js';

/** A node with what a restore writes back: its spec and Swarm's version index. */
export type RestoreNode = LiveNode & NodeWithLabels;

/** The Engine API calls a restore needs beyond the stack adapter's: swarm settings, nodes, config data. */
export interface RestoreDocker {
  /** The swarm's spec and version index (`docker swarm inspect`). */
  swarm(): Promise<{ version: number; spec: Record<string, unknown> }>;
  updateSwarm(version: number, spec: Record<string, unknown>): Promise<void>;
  nodes(): Promise<RestoreNode[]>;
  /** Writes the node's spec back with these labels and availability, under Swarm's version index. */
  updateNode(
    node: RestoreNode,
    labels: Record<string, string>,
    availability: NodeAvailability,
  ): Promise<void>;
  /** A config by exact name with its data (base64); null when absent. */
  findConfig(name: string): Promise<{ id: string; data: string } | null>;
}

/** Creates the adapter over a dockerode client (created with a per-call timeout). */
export function createRestoreDocker(docker: Dockerode): RestoreDocker {
  const nodes = createNodeDocker(docker);
  return {
    async swarm() {
      const raw = (await docker.swarmInspect()) as {
        Version?: { Index?: number };
        Spec?: Record<string, unknown>;
      };
      return { version: raw.Version?.Index ?? 0, spec: raw.Spec ?? {} };
    },
    async updateSwarm(version, spec) {
      await docker.swarmUpdate({ _query: { version }, _body: spec });
    },
    async nodes() {
      const list = await nodes.list();
      return list.map((n) => ({ ...n, labels: (n.spec.Labels as Record<string, string> | undefined) ?? {} }));
    },
    async updateNode(node, labels, availability) {
      await docker.getNode(node.id).update({
        _query: { version: node.version },
        _body: { ...node.spec, Labels: labels, Availability: availability },
      });
    },
    async findConfig(name) {
      const configs = await docker.listConfigs({ filters: JSON.stringify({ name: [name] }) });
      const match = configs.find((c) => c.Spec?.Name === name);
      if (match === undefined) return null;
      const config = (await docker.getConfig(match.ID).inspect()) as { Spec?: { Data?: string } };
      return { id: match.ID, data: config.Spec?.Data ?? '' };
    },
  };
}
