// The parts of Engine API objects that inventory reads. Kept loose (everything optional) because
// the engine omits empty fields and older engines lack newer ones.

type Labels = Record<string, string> | null | undefined;

export interface RawVersion {
  Index?: number;
}

export interface RawNode {
  ID: string;
  Version?: RawVersion;
  Spec?: { Labels?: Labels; Role?: string; Availability?: string };
  Description?: {
    Hostname?: string;
    Resources?: { NanoCPUs?: number; MemoryBytes?: number };
    Engine?: { EngineVersion?: string };
  };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string };
}

export interface RawPort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

export interface RawServiceSpec {
  Name?: string;
  Labels?: Labels;
  TaskTemplate?: {
    ContainerSpec?: { Image?: string };
    Placement?: { Constraints?: string[] | null };
    Networks?: Array<{ Target?: string }> | null;
  };
  Mode?: {
    Replicated?: { Replicas?: number };
    Global?: object;
    ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number };
    GlobalJob?: object;
  };
  EndpointSpec?: { Ports?: RawPort[] | null };
  Networks?: Array<{ Target?: string }> | null;
}

export interface RawService {
  ID: string;
  Version?: RawVersion;
  Spec?: RawServiceSpec;
  Endpoint?: { Ports?: RawPort[] | null };
  UpdateStatus?: { State?: string; Message?: string; StartedAt?: string; CompletedAt?: string };
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number };
}

export interface RawTask {
  ID: string;
  Version?: RawVersion;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  DesiredState?: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: {
    Timestamp?: string;
    State?: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string };
  };
  UpdatedAt?: string;
  CreatedAt?: string;
}

export interface RawNetwork {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Attachable?: boolean;
  Ingress?: boolean;
  Internal?: boolean;
  Labels?: Labels;
}

/** A config or secret: the same shape; `Spec.Data` is deliberately never read. */
export interface RawConfigOrSecret {
  ID: string;
  Version?: RawVersion;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { Name?: string; Labels?: Labels; Driver?: { Name?: string } | null };
}

export interface RawSwarm {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: Record<string, unknown>;
}
