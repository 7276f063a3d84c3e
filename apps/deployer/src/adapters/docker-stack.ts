import type Dockerode from 'dockerode';
import { AppError } from '@swarmops/contracts';
import { STACK_NAMESPACE_LABEL } from '../domain/live.js';
import type { LiveObject, LiveService, LiveStack, LiveTask } from '../domain/live.js';
import { containerSpecOf } from '../domain/container-spec.js';

// Thin dockerode adapter. Every call goes through a client created with a per-call timeout
// (@swarmops/docker createDockerClient), so a hung engine fails the call instead of the deploy.

/** What the engine does to Docker; the engine and handlers depend on this, not on dockerode. */
export interface StackDocker {
  clusterId(): Promise<string>;
  readStack(stack: string): Promise<LiveStack>;
  networkNames(): Promise<Record<string, string>>;
  objectNames(): Promise<{ configs: Set<string>; secrets: Set<string> }>;
  /** Name → id of every config and secret. */
  objectIds(): Promise<{ configs: Record<string, string>; secrets: Record<string, string> }>;
  /** A service by full name or id; null when absent. */
  findService(ref: string): Promise<LiveService | null>;
  tasks(serviceIds: readonly string[]): Promise<LiveTask[]>;
  createService(spec: Dockerode.ServiceSpec): Promise<string>;
  /** Updates with Swarm's version index; `rollback` asks Swarm for its native rollback to the previous spec. */
  updateService(id: string, version: number, spec: Dockerode.ServiceSpec, rollback?: boolean): Promise<void>;
  removeService(id: string): Promise<void>;
  createNetwork(spec: Dockerode.NetworkCreateOptions): Promise<string>;
  removeNetwork(id: string): Promise<void>;
  createConfig(spec: ObjectSpec): Promise<string>;
  removeConfig(id: string): Promise<void>;
  createSecret(spec: ObjectSpec): Promise<string>;
  removeSecret(id: string): Promise<void>;
  /** The image id (or first repo digest) the engine resolved for a reference; the reference when unknown. */
  resolveImage(reference: string): Promise<string>;
  ping(): Promise<void>;
}

/** A config or secret create body. */
export interface ObjectSpec {
  Name: string;
  Labels: Record<string, string>;
  Data: string;
}

/** Creates the adapter over a dockerode client. */
export function createStackDocker(docker: Dockerode): StackDocker {
  const byStack = (stack: string) => JSON.stringify({ label: [`${STACK_NAMESPACE_LABEL}=${stack}`] });
  return {
    async clusterId() {
      const swarm = (await docker.swarmInspect()) as { ID: string };
      return swarm.ID;
    },
    async readStack(stack) {
      const filters = byStack(stack);
      const [services, networks, configs, secrets] = await Promise.all([
        docker.listServices({ filters }),
        docker.listNetworks({ filters }),
        docker.listConfigs({ filters }),
        docker.listSecrets({ filters }),
      ]);
      return {
        stack,
        services: services.map(toLiveService),
        networks: networks.map((n) => ({ id: n.Id, name: n.Name, labels: n.Labels ?? {} })),
        configs: configs.map(toLiveObject),
        secrets: secrets.map(toLiveObject),
      };
    },
    async networkNames() {
      const networks = await docker.listNetworks();
      return Object.fromEntries(networks.map((n) => [n.Id, n.Name]));
    },
    async objectNames() {
      const [configs, secrets] = await Promise.all([docker.listConfigs(), docker.listSecrets()]);
      return {
        configs: new Set(configs.map((c) => c.Spec?.Name ?? '')),
        secrets: new Set(secrets.map((s) => s.Spec?.Name ?? '')),
      };
    },
    async objectIds() {
      const [configs, secrets] = await Promise.all([docker.listConfigs(), docker.listSecrets()]);
      return {
        configs: Object.fromEntries(configs.map((c) => [c.Spec?.Name ?? '', c.ID])),
        secrets: Object.fromEntries(secrets.map((s) => [s.Spec?.Name ?? '', s.ID])),
      };
    },
    async findService(ref) {
      try {
        return toLiveService((await docker.getService(ref).inspect()) as Dockerode.Service);
      } catch (err) {
        if (statusOf(err) === 404) return null;
        throw err;
      }
    },
    async tasks(serviceIds) {
      if (serviceIds.length === 0) return [];
      const tasks = (await docker.listTasks({
        filters: JSON.stringify({ service: serviceIds }),
      })) as RawTask[];
      const wanted = new Set(serviceIds);
      return tasks.filter((t) => wanted.has(t.ServiceID)).map(toLiveTask);
    },
    async createService(spec) {
      const created = (await docker.createService(spec)) as { id: string };
      return created.id;
    },
    async updateService(id, version, spec, rollback = false) {
      const _query: Record<string, string | number> = { version };
      if (rollback) _query.rollback = 'previous';
      await docker.getService(id).update({ _query, _body: spec });
    },
    async removeService(id) {
      await ignoreNotFound(docker.getService(id).remove());
    },
    async createNetwork(spec) {
      const network = await docker.createNetwork(spec);
      return network.id;
    },
    async removeNetwork(id) {
      await ignoreNotFound(docker.getNetwork(id).remove());
    },
    async createConfig(spec) {
      const created = (await docker.createConfig(spec)) as { id: string };
      return created.id;
    },
    async removeConfig(id) {
      await ignoreNotFound(docker.getConfig(id).remove());
    },
    async createSecret(spec) {
      const created = (await docker.createSecret(spec)) as { id: string };
      return created.id;
    },
    async removeSecret(id) {
      await ignoreNotFound(docker.getSecret(id).remove());
    },
    async resolveImage(reference) {
      try {
        const image = await docker.getImage(reference).inspect();
        return image.RepoDigests?.[0] ?? image.Id;
      } catch (err) {
        if (statusOf(err) === 404) return reference;
        throw err;
      }
    },
    async ping() {
      await docker.ping();
    },
  };
}

interface RawTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  DesiredState: string;
  CreatedAt: string;
  Spec?: Dockerode.TaskSpec;
  JobIteration?: { Index: number };
  Status?: { State?: string; Err?: string; Message?: string; ContainerStatus?: { ContainerID?: string } };
}

function toLiveTask(t: RawTask): LiveTask {
  const task: LiveTask = {
    id: t.ID,
    serviceId: t.ServiceID,
    nodeId: t.NodeID ?? null,
    slot: t.Slot ?? null,
    desiredState: t.DesiredState,
    state: t.Status?.State ?? 'unknown',
    error: t.Status?.Err ?? null,
    message: t.Status?.Message ?? '',
    image: containerSpecOf(t.Spec)?.Image ?? '',
    createdAt: t.CreatedAt,
    containerId: t.Status?.ContainerStatus?.ContainerID ?? null,
    jobIteration: t.JobIteration?.Index ?? null,
  };
  if (t.Spec !== undefined) task.spec = t.Spec;
  return task;
}

function toLiveService(s: Dockerode.Service): LiveService {
  const raw = s as Dockerode.Service & {
    PreviousSpec?: Dockerode.ServiceSpec;
    UpdateStatus?: { State?: string; Message?: string };
    JobStatus?: { JobIteration?: { Index: number } };
  };
  const spec = raw.Spec as Dockerode.ServiceSpec;
  return {
    id: raw.ID,
    name: spec.Name ?? raw.ID,
    version: raw.Version?.Index ?? 0,
    spec,
    previousSpec: raw.PreviousSpec ?? null,
    updateStatus:
      raw.UpdateStatus?.State === undefined
        ? null
        : { state: raw.UpdateStatus.State, message: raw.UpdateStatus.Message ?? '' },
    jobIteration: raw.JobStatus?.JobIteration?.Index ?? null,
  };
}

function toLiveObject(o: {
  ID: string;
  Spec?: { Name?: string; Labels?: Record<string, string> };
}): LiveObject {
  return { id: o.ID, name: o.Spec?.Name ?? o.ID, labels: o.Spec?.Labels ?? {} };
}

/** The HTTP status of a dockerode error, if any. */
export function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number } | null)?.statusCode;
}

async function ignoreNotFound(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
}

/** Turns an engine refusal into a readable AppError (Docker's own message kept). */
export function dockerError(action: string, err: unknown): AppError {
  const status = statusOf(err);
  const json = (err as { json?: { message?: string } } | null)?.json;
  const message = json?.message ?? (err instanceof Error ? err.message : String(err));
  const code =
    status === 404
      ? 'NOT_FOUND'
      : status === 409
        ? 'CONFLICT'
        : status === 400
          ? 'INVALID_REQUEST'
          : 'UNAVAILABLE';
  return new AppError(code, `${action}: ${message}`, { cause: err });
}
