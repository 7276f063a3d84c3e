// The Engine API objects capture reads, typed only as far as capture looks into them. Everything else
// in a spec passes through untouched.

export type Labels = Record<string, string>;

export interface RawSwarm {
  ID: string;
  CreatedAt?: string;
  Spec?: Record<string, unknown>;
}

export interface RawNode {
  ID: string;
  Spec?: { Role?: string; Availability?: string; Labels?: Labels | null };
  Description?: { Hostname?: string };
}

export interface RawNetwork {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Ingress?: boolean;
  Labels?: Labels | null;
  Options?: Labels | null;
  [field: string]: unknown;
}

export interface RawConfig {
  ID: string;
  CreatedAt?: string;
  Spec?: { Name?: string; Labels?: Labels; Data?: string; [field: string]: unknown };
}

export type RawSecret = RawConfig;

export interface RawNetworkAttachment {
  Target?: string;
  [field: string]: unknown;
}

export interface RawFileReference {
  ConfigID?: string;
  ConfigName?: string;
  SecretID?: string;
  SecretName?: string;
}

export interface RawServiceSpec {
  Name?: string;
  Labels?: Labels;
  TaskTemplate?: {
    ContainerSpec?: {
      Configs?: RawFileReference[] | null;
      Secrets?: RawFileReference[] | null;
      [field: string]: unknown;
    };
    Networks?: RawNetworkAttachment[] | null;
    [field: string]: unknown;
  };
  /** Deprecated top-level form of TaskTemplate.Networks; still honoured by the engine. */
  Networks?: RawNetworkAttachment[] | null;
  [field: string]: unknown;
}

export interface RawService {
  ID: string;
  CreatedAt?: string;
  Spec?: RawServiceSpec;
}
