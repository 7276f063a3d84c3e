import type { UsageSample } from './aggregate.js';
import type { FilesystemUsage } from './engine-filesystem.js';
import type { NodeSample, ServiceSample } from './swarm-state.js';

/** The `engine` label value of the swarm part (the node, service and task lists read from the manager). */
export const SWARM_PART = 'swarm';

/** How one part of a collection went. A failed part has no data: its series are left out. */
export interface PartStatus {
  /** `swarm`, or the engine's label (its node hostname, or its configured address until it answered). */
  readonly engine: string;
  readonly up: boolean;
  readonly durationSeconds: number;
  /** Why the part failed. */
  readonly error?: string;
  /** Errors to add to swarm_exporter_collect_errors_total: 1 for a failed part, plus failed stats calls. */
  readonly errors: number;
}

export interface SwarmPart extends PartStatus {
  readonly nodes: readonly NodeSample[];
  readonly services: readonly (ServiceSample & { readonly restarts: number })[];
}

export interface EnginePart extends PartStatus {
  readonly usage: readonly UsageSample[];
  readonly filesystem: FilesystemUsage | undefined;
}

/** One collection: what `/metrics` publishes until the next one. */
export interface ExporterSnapshot {
  readonly collectedAt: Date;
  readonly durationSeconds: number;
  readonly swarm: SwarmPart;
  readonly engines: readonly EnginePart[];
}
