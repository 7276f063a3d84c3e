import type Dockerode from 'dockerode';

// The live state of a stack as the engine reads it from Docker: only what plans and judgements need.

/** Swarm's update progress of a service (`UpdateStatus`). */
export interface LiveUpdateStatus {
  state: string;
  message: string;
}

/** One live service. `version` is Swarm's object version index, needed for every update. */
export interface LiveService {
  id: string;
  name: string;
  version: number;
  spec: Dockerode.ServiceSpec;
  previousSpec: Dockerode.ServiceSpec | null;
  updateStatus: LiveUpdateStatus | null;
  /** Job iteration index (jobs only): a re-run bumps it. */
  jobIteration: number | null;
}

/** One task of a service, reduced to what convergence needs. */
export interface LiveTask {
  id: string;
  serviceId: string;
  nodeId: string | null;
  slot: number | null;
  desiredState: string;
  state: string;
  error: string | null;
  message: string;
  /** The image the task runs (its spec's image). */
  image: string;
  createdAt: string;
  containerId: string | null;
  jobIteration: number | null;
  /** The task template the task was made from (compared with the service's to tell old from new). */
  spec?: Dockerode.TaskSpec;
}

/** A network, config or secret of the stack. */
export interface LiveObject {
  id: string;
  name: string;
  labels: Record<string, string>;
}

/** Everything labelled `com.docker.stack.namespace=<stack>`. */
export interface LiveStack {
  stack: string;
  services: LiveService[];
  networks: LiveObject[];
  configs: LiveObject[];
  secrets: LiveObject[];
}

/** The label Docker stack tools put on every object of a stack. */
export const STACK_NAMESPACE_LABEL = 'com.docker.stack.namespace';
/** The label of a service's image reference. */
export const STACK_IMAGE_LABEL = 'com.docker.stack.image';
/** The stack version that last changed the object (engine only; ignored by plans). */
export const STACK_VERSION_LABEL = 'com.swarmops.stack.version';
/** sha256 of a config's or secret's content, set by the engine on create. */
export const CONTENT_DIGEST_LABEL = 'com.swarmops.content.sha256';
/** Marks the temporary services of blue-green (`green`) and canary (`canary`). */
export const ROLE_LABEL = 'com.swarmops.role';

/** Suffixes of the temporary services beside a canonical one. */
export const GREEN_SUFFIX = '--green';
export const CANARY_SUFFIX = '--canary';

/** True for a temporary `--green` / `--canary` service name. */
export function isTemporaryService(name: string): boolean {
  return name.endsWith(GREEN_SUFFIX) || name.endsWith(CANARY_SUFFIX);
}
