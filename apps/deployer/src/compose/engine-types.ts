// The Engine API shapes the converter emits (Go field names, omitempty: absent rather than zero), as
// docker's CLI marshals swarm.ServiceSpec. @types/dockerode lacks some of these fields (Healthcheck is
// spelled HealthCheck there, no StartInterval, Pids, OomScoreAdj), so the converter builds these and
// hands the engine a Dockerode.ServiceSpec-compatible object.

export interface EnginePortConfig {
  Protocol?: string;
  TargetPort: number;
  PublishedPort?: number;
  PublishMode?: string;
}

export interface EngineMount {
  Type: string;
  Source?: string;
  Target?: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string };
  VolumeOptions?: {
    NoCopy?: boolean;
    Labels?: Record<string, string>;
    Subpath?: string;
    DriverConfig?: { Name?: string; Options?: Record<string, string> };
  };
  TmpfsOptions?: { SizeBytes?: number };
}

export interface EngineHealthConfig {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  StartInterval?: number;
  Retries?: number;
}

export interface EngineFileTarget {
  Name: string;
  UID: string;
  GID: string;
  Mode: number;
}

export interface EngineSecretReference {
  File: EngineFileTarget;
  SecretName: string;
}

export interface EngineConfigReference {
  File: EngineFileTarget;
  ConfigName: string;
}

export interface EngineNetworkAttachment {
  Target: string;
  Aliases?: string[];
  DriverOpts?: Record<string, string>;
}

export interface EngineUpdateConfig {
  Parallelism: number;
  Delay?: number;
  FailureAction?: string;
  Monitor?: number;
  MaxFailureRatio?: number;
  Order?: string;
}

export interface EngineRestartPolicy {
  Condition?: string;
  Delay?: number;
  MaxAttempts?: number;
  Window?: number;
}

export interface EngineResources {
  Limits?: { NanoCPUs?: number; MemoryBytes?: number; Pids?: number };
  Reservations?: {
    NanoCPUs?: number;
    MemoryBytes?: number;
    GenericResources?: { DiscreteResourceSpec: { Kind: string; Value: number } }[];
  };
}

export interface EnginePlacement {
  Constraints?: string[];
  Preferences?: { Spread: { SpreadDescriptor: string } }[];
  MaxReplicas?: number;
}

export interface EngineServiceMode {
  Replicated?: { Replicas?: number };
  Global?: Record<string, never>;
  ReplicatedJob?: { MaxConcurrent?: number; TotalCompletions?: number };
  GlobalJob?: Record<string, never>;
}

export interface EngineContainerSpec {
  Image: string;
  Labels: Record<string, string>;
  Command?: string[];
  Args?: string[];
  Hostname?: string;
  Env?: string[];
  Dir?: string;
  User?: string;
  Privileges: Record<string, never>;
  Init?: boolean;
  StopSignal?: string;
  TTY?: boolean;
  OpenStdin?: boolean;
  ReadOnly?: boolean;
  Mounts?: EngineMount[];
  StopGracePeriod?: number;
  Healthcheck?: EngineHealthConfig;
  Hosts?: string[];
  DNSConfig?: { Nameservers?: string[]; Search?: string[] };
  Secrets?: EngineSecretReference[];
  Configs?: EngineConfigReference[];
  Isolation?: string;
  Sysctls?: Record<string, string>;
  CapabilityAdd?: string[];
  CapabilityDrop?: string[];
  Ulimits?: { Name: string; Soft: number; Hard: number }[];
  OomScoreAdj?: number;
}

export interface EngineServiceSpec {
  Name: string;
  Labels: Record<string, string>;
  TaskTemplate: {
    ContainerSpec: EngineContainerSpec;
    LogDriver?: { Name?: string; Options?: Record<string, string> };
    Resources: EngineResources;
    RestartPolicy?: EngineRestartPolicy;
    Placement: EnginePlacement;
    Networks: EngineNetworkAttachment[];
  };
  Mode: EngineServiceMode;
  UpdateConfig?: EngineUpdateConfig;
  RollbackConfig?: EngineUpdateConfig;
  EndpointSpec: { Mode?: string; Ports?: EnginePortConfig[] };
}
