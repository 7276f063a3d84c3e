import type Dockerode from 'dockerode';
import type { CanaryOptions, DeploymentKind, Strategy } from '@swarmops/contracts';
import type { BusLogger } from '@swarmops/bus';
import type { DeploymentEvents } from '../adapters/deployment-events.js';
import type { StackDocker } from '../adapters/docker-stack.js';
import type { DeploymentsRepo } from '../adapters/deployments-repo.js';
import type { RestoreDocker } from '../adapters/docker-restore.js';
import type { PrometheusQuery } from '../adapters/prometheus.js';
import type { DesiredStack, PolicyAllowance } from '../compose/types.js';
import type { DeployerMetrics } from '../metrics.js';

/** The compose converter (`convertCompose`), injected so the engine stays testable without it. */
export type ConvertCompose = (input: {
  stack: string;
  compose: string;
  env?: Record<string, string>;
  policy: PolicyAllowance;
}) => DesiredStack;

/** What the engine runs on. */
export interface EngineDeps {
  convert: ConvertCompose;
  docker: StackDocker;
  /** Swarm settings, node labels and config data, for restore.apply. */
  restoreDocker: RestoreDocker;
  repo: DeploymentsRepo;
  events: DeploymentEvents;
  clusterId: string;
  /** This deployer's identity in `deployments.owner`. */
  owner: string;
  maxParallel: number;
  defaultTimeoutSeconds: number;
  heartbeatSeconds: number;
  policy: PolicyAllowance;
  prometheus: PrometheusQuery | null;
  logger: BusLogger;
  metrics: DeployerMetrics;
  now: () => Date;
  newId: () => string;
  /** Poll period of convergence waits, in milliseconds (default 500). */
  pollMs?: number;
}

/**
 * What a deployment applies, stored in `deployments.target` so a restarted deployer can finish it.
 * Service specs carry no secret values (secrets are referenced by id); the compose text and env are
 * the same that `stack_versions` keeps.
 */
export interface DeployTarget {
  kind: DeploymentKind;
  strategy: Strategy | null;
  compose: string | null;
  env: Record<string, string>;
  canary: CanaryOptions | null;
  timeoutSeconds: number;
  /** Target specs of the services this deployment creates or updates, by full name. */
  services: Record<string, Dockerode.ServiceSpec>;
  created: string[];
  updated: string[];
  /** Swarm's native rollback (rollback-service): the target is the service's previous spec. */
  nativeRollback: boolean;
  removeServices: string[];
  removeNetworks: string[];
  removeConfigs: string[];
  removeSecrets: string[];
  createdNetworks: string[];
  createdConfigs: string[];
  createdSecrets: string[];
}

/** What was live before, enough to roll back. */
export interface PreviousState {
  version: number;
  services: Record<string, Dockerode.ServiceSpec>;
}

/** A deployment that must end in a rollback, with the reason for the record. */
export class DeployFailure extends Error {
  override readonly name = 'DeployFailure';
  /** True when the new version was withdrawn on purpose (canary), not broken by an error. */
  readonly withdrawn: boolean;

  constructor(message: string, options: { cause?: unknown; withdrawn?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.withdrawn = options.withdrawn ?? false;
  }
}

/** An empty target of `kind`. */
export function emptyTarget(kind: DeploymentKind, timeoutSeconds: number): DeployTarget {
  return {
    kind,
    strategy: null,
    compose: null,
    env: {},
    canary: null,
    timeoutSeconds,
    services: {},
    created: [],
    updated: [],
    nativeRollback: false,
    removeServices: [],
    removeNetworks: [],
    removeConfigs: [],
    removeSecrets: [],
    createdNetworks: [],
    createdConfigs: [],
    createdSecrets: [],
  };
}
