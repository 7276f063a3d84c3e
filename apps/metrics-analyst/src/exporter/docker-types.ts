// The few Engine API fields the exporter reads. dockerode types nodes and tasks as `any`, and Docker omits
// empty fields, so everything past the id is optional and read defensively.

export interface RawNode {
  readonly ID: string;
  readonly Description?: {
    readonly Hostname?: string;
    readonly Resources?: { readonly NanoCPUs?: number; readonly MemoryBytes?: number };
    readonly Engine?: { readonly EngineVersion?: string };
  };
  readonly Spec?: { readonly Role?: string; readonly Availability?: string };
  readonly Status?: { readonly State?: string };
  readonly ManagerStatus?: { readonly Leader?: boolean };
}

export interface RawResources {
  readonly NanoCPUs?: number;
  readonly MemoryBytes?: number;
}

export interface RawService {
  readonly ID: string;
  readonly Spec?: {
    readonly Name?: string;
    readonly Labels?: Readonly<Record<string, string>>;
    readonly Mode?: {
      readonly Replicated?: { readonly Replicas?: number };
      readonly Global?: object;
      readonly ReplicatedJob?: object;
      readonly GlobalJob?: object;
    };
    readonly TaskTemplate?: {
      readonly Resources?: { readonly Limits?: RawResources; readonly Reservations?: RawResources };
    };
  };
}

export interface RawTask {
  readonly ID: string;
  readonly ServiceID?: string;
  readonly NodeID?: string;
  readonly DesiredState?: string;
  readonly Status?: { readonly State?: string; readonly ContainerStatus?: { readonly ExitCode?: number } };
}

/** A container of the engine's list (`GET /containers/json`). */
export interface RawContainer {
  readonly Id: string;
  readonly Labels?: Readonly<Record<string, string>>;
}

/** `GET /containers/{id}/stats?stream=false&one-shot=true`, cgroup v1 or v2. */
export interface RawContainerStats {
  readonly read?: string;
  readonly cpu_stats?: { readonly cpu_usage?: { readonly total_usage?: number } };
  readonly memory_stats?: { readonly usage?: number; readonly stats?: Readonly<Record<string, number>> };
  readonly networks?: Readonly<Record<string, { readonly rx_bytes?: number; readonly tx_bytes?: number }>>;
}

/** Labels Swarm and `docker stack deploy` put on services and their containers. */
export const SwarmLabels = {
  serviceName: 'com.docker.swarm.service.name',
  stack: 'com.docker.stack.namespace',
} as const;
