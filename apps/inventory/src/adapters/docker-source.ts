import type Docker from 'dockerode';
import { AppError } from '@swarmops/contracts';
import type {
  Observation,
  RawConfigOrSecret,
  RawNetwork,
  RawNode,
  RawService,
  RawSwarm,
  RawTask,
} from '../domain/index.js';

/** Reads of the swarm inventory needs; every call is bounded by a timeout and goes to a manager. */
export interface DockerSource {
  /** The swarm itself (its id is the cluster id); fails with UNAVAILABLE on a non-manager. */
  swarm(): Promise<RawSwarm>;
  /** Everything: nodes, services with status, tasks, swarm networks, configs, secrets. */
  full(): Promise<Observation & { swarm: RawSwarm }>;
  /** These services (missing = removed) with their tasks. */
  services(ids: readonly string[]): Promise<Observation>;
  /** Every service with every task: cheaper than many targeted reads after a burst. */
  allServices(): Promise<Observation>;
  nodes(): Promise<Observation>;
  tasks(): Promise<Observation>;
  networks(): Promise<Observation>;
  configs(): Promise<Observation>;
  secrets(): Promise<Observation>;
}

/** Options of {@link createDockerSource}. */
export interface DockerSourceOptions {
  /** Milliseconds one Engine API call may take (default 10 000). */
  timeoutMs?: number;
}

const SWARM_NETWORKS = { filters: JSON.stringify({ scope: ['swarm'] }) };

/** Thin dockerode reads returning raw Engine API objects for the domain to normalize. */
export function createDockerSource(
  docker: Docker,
  { timeoutMs = 10_000 }: DockerSourceOptions = {},
): DockerSource {
  const call = <T>(what: string, work: () => Promise<unknown>): Promise<T> =>
    withTimeout(what, timeoutMs, work) as Promise<T>;
  const listNodes = () => call<RawNode[]>('listNodes', () => docker.listNodes());
  const listServices = (filters?: object) =>
    call<RawService[]>('listServices', () =>
      docker.listServices({ status: true, ...(filters ? { filters: JSON.stringify(filters) } : {}) }),
    );
  const listTasks = (filters?: object) =>
    call<RawTask[]>('listTasks', () => docker.listTasks(filters ? { filters: JSON.stringify(filters) } : {}));
  const listNetworks = () => call<RawNetwork[]>('listNetworks', () => docker.listNetworks(SWARM_NETWORKS));
  const listConfigs = () => call<RawConfigOrSecret[]>('listConfigs', () => docker.listConfigs());
  const listSecrets = () => call<RawConfigOrSecret[]>('listSecrets', () => docker.listSecrets());
  const swarm = () => call<RawSwarm>('swarmInspect', () => docker.swarmInspect()).catch(notManager);

  return {
    swarm,
    async full() {
      const [s, nodes, services, tasks, networks, configs, secrets] = await Promise.all([
        swarm(),
        listNodes(),
        listServices(),
        listTasks(),
        listNetworks(),
        listConfigs(),
        listSecrets(),
      ]);
      return {
        swarm: s,
        nodes,
        services: { items: services },
        tasks: { items: tasks },
        networks,
        configs,
        secrets,
      };
    },
    async services(ids) {
      const found = await Promise.all(ids.map((id) => listServices({ id: [id] })));
      const items = found.flat().filter((s) => ids.includes(s.ID));
      const tasks = await Promise.all(ids.map((id) => listTasks({ service: [id] }).catch(emptyWhenGone)));
      return {
        services: { items, ids: [...ids] },
        tasks: { items: tasks.flat(), serviceIds: [...ids] },
        networks: await listNetworks(),
      };
    },
    async allServices() {
      const [services, tasks, networks] = await Promise.all([listServices(), listTasks(), listNetworks()]);
      return { services: { items: services }, tasks: { items: tasks }, networks };
    },
    nodes: async () => ({ nodes: await listNodes() }),
    tasks: async () => ({ tasks: { items: await listTasks() } }),
    networks: async () => ({ networks: await listNetworks() }),
    configs: async () => ({ configs: await listConfigs() }),
    secrets: async () => ({ secrets: await listSecrets() }),
  };
}

async function withTimeout(what: string, ms: number, work: () => Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('TIMEOUT', `Docker ${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function notManager(error: unknown): never {
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 503 || status === 406) {
    throw new AppError(
      'UNAVAILABLE',
      'the Docker engine is not a swarm manager: point DOCKER_HOST at a manager',
      {
        cause: error,
      },
    );
  }
  throw error;
}

/** Listing the tasks of a service that was just removed answers 404: it has no tasks. */
function emptyWhenGone(error: unknown): RawTask[] {
  if ((error as { statusCode?: number }).statusCode === 404) return [];
  throw error;
}
