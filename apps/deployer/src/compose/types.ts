import type Dockerode from 'dockerode';
import type { PlanWarning } from '@swarmops/contracts';

// The desired state of a stack, converted from a compose file. Pure data: the engine diffs it against
// the live objects and applies it; nothing here talks to Docker.

/** How a service runs: the four Swarm modes. */
export type ServiceModeKind = 'replicated' | 'global' | 'replicated-job' | 'global-job';

/** A healthcheck as the engine needs it for convergence and monitor sizing (nanoseconds, as Docker). */
export interface DesiredHealthcheck {
  intervalNs: number;
  timeoutNs: number;
  retries: number;
  startPeriodNs: number;
  startIntervalNs: number;
}

/** One service of the stack. `spec` is exactly what the Engine API receives (ServiceCreate/ServiceUpdate). */
export interface DesiredService {
  /** Compose name, e.g. `api`. */
  name: string;
  /** Docker name, `<stack>_<name>`. */
  fullName: string;
  mode: ServiceModeKind;
  /** Desired replicas for replicated modes; null for global modes. */
  replicas: number | null;
  healthcheck: DesiredHealthcheck | null;
  /** The full Engine API spec, labels included (`com.docker.stack.namespace`, `com.docker.stack.image`). */
  spec: Dockerode.ServiceSpec;
}

/** One network of the stack. External networks are only checked to exist, never created or removed. */
export interface DesiredNetwork {
  name: string;
  /** `<stack>_<name>`, or the external name. */
  fullName: string;
  external: boolean;
  /** Engine API NetworkCreate body (Name, Driver, Labels, Attachable, Options, IPAM, Internal). Null when external. */
  spec: Dockerode.NetworkCreateOptions | null;
}

/**
 * One config or secret. Content-bearing objects are versioned: `fullName` is `<stack>_<name>-<sha256[0:12]>`
 * of the content, so a change of content is a new object; services switch to it and the old one is removed
 * after convergence. External ones keep their name and are only checked to exist.
 */
export interface DesiredObject {
  name: string;
  fullName: string;
  external: boolean;
  /** Base64 content (configs and secrets alike); null when external. Secret data is never logged. */
  data: string | null;
  /** sha256 hex of the content; null when external. */
  digest: string | null;
  labels: Record<string, string>;
}

/** A compose file converted for one stack. */
export interface DesiredStack {
  stack: string;
  services: DesiredService[];
  networks: DesiredNetwork[];
  configs: DesiredObject[];
  secrets: DesiredObject[];
  /** Unsupported keys and allowed policy exceptions; each names its path. */
  warnings: PlanWarning[];
}

/** Which policy exceptions an admin granted, per stack (DEPLOYER_POLICY_ALLOW_STACKS etc.). */
export interface PolicyAllowance {
  /** Bind-mount source prefixes allowed for every stack (e.g. `/srv/data`). */
  bindMountPrefixes: string[];
  /** Stacks allowed every guarded setting (socket mounts, any bind, privileged caps, host pid/network). */
  trustedStacks: string[];
}
