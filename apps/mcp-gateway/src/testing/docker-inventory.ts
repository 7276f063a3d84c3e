import type Docker from 'dockerode';
import type { ClusterSummary, Node, Service, Stack, Task } from '@swarmops/contracts';

const STACK_LABEL = 'com.docker.stack.namespace';

interface RawNode {
  ID?: string;
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string> };
  Description?: {
    Hostname?: string;
    Resources?: { NanoCPUs?: number; MemoryBytes?: number };
    Engine?: { EngineVersion?: string };
  };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean };
}

function toNode(n: RawNode): Node {
  const state = n.Status?.State;
  return {
    id: n.ID ?? '',
    hostname: n.Description?.Hostname ?? '',
    ipAddress: n.Status?.Addr ?? '',
    role: n.Spec?.Role === 'manager' ? 'manager' : 'worker',
    status: state === 'ready' ? 'ready' : state === 'down' ? 'down' : 'unknown',
    availability: (n.Spec?.Availability ?? 'active') as Node['availability'],
    resources: {
      cpus: (n.Description?.Resources?.NanoCPUs ?? 0) / 1e9,
      memoryBytes: n.Description?.Resources?.MemoryBytes ?? 0,
    },
    labels: n.Spec?.Labels ?? {},
    engineVersion: n.Description?.Engine?.EngineVersion,
    leader: n.ManagerStatus?.Leader ?? false,
  };
}

interface RawService {
  ID: string;
  Spec: {
    Name: string;
    Labels?: Record<string, string>;
    TaskTemplate?: { ContainerSpec?: { Image?: string }; Placement?: { Constraints?: string[] } };
    Mode?: { Replicated?: { Replicas?: number }; Global?: object };
  };
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number };
}

function toService(s: RawService): Service {
  const labels = s.Spec.Labels ?? {};
  return {
    id: s.ID,
    name: s.Spec.Name,
    image: (s.Spec.TaskTemplate?.ContainerSpec?.Image ?? 'unknown').split('@')[0] ?? 'unknown',
    mode: s.Spec.Mode?.Global === undefined ? 'replicated' : 'global',
    replicas: {
      desired: s.ServiceStatus?.DesiredTasks ?? s.Spec.Mode?.Replicated?.Replicas ?? 0,
      running: s.ServiceStatus?.RunningTasks ?? 0,
    },
    constraints: s.Spec.TaskTemplate?.Placement?.Constraints ?? [],
    labels,
    stack: labels[STACK_LABEL] ?? null,
  };
}

interface RawTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  Status: {
    State: string;
    Message?: string;
    Err?: string;
    Timestamp?: string;
    ContainerStatus?: { ContainerID?: string };
  };
  DesiredState: string;
  UpdatedAt?: string;
}

function toTask(t: RawTask): Task {
  return {
    id: t.ID,
    serviceId: t.ServiceID,
    nodeId: t.NodeID ?? null,
    slot: t.Slot ?? null,
    state: t.Status.State as Task['state'],
    desiredState: t.DesiredState as Task['desiredState'],
    message: t.Status.Message ?? '',
    error: t.Status.Err ?? null,
    containerId: t.Status.ContainerStatus?.ContainerID ?? null,
    updatedAt: new Date(t.UpdatedAt ?? t.Status.Timestamp ?? Date.now()).toISOString(),
  };
}

/** Reads the real engine's swarm state in the shapes of the inventory contracts. */
export function dockerInventory(docker: Docker) {
  return {
    nodes: async () => ((await docker.listNodes()) as unknown as RawNode[]).map(toNode),
    services: async () =>
      ((await docker.listServices({ status: true } as object)) as unknown as RawService[]).map(toService),
    tasks: async () => ((await docker.listTasks()) as unknown as RawTask[]).map(toTask),
    async stacks(): Promise<Stack[]> {
      const byStack = new Map<string, string[]>();
      for (const s of await this.services()) {
        if (s.stack !== null) byStack.set(s.stack, [...(byStack.get(s.stack) ?? []), s.name]);
      }
      return [...byStack].map(([name, services]) => ({ id: name, name, services }));
    },
    async summary(): Promise<ClusterSummary> {
      const [nodes, services, tasks, stacks] = await Promise.all([
        this.nodes(),
        this.services(),
        this.tasks(),
        this.stacks(),
      ]);
      const managers = nodes.filter((n) => n.role === 'manager');
      const leader = managers.find((n) => n.leader === true);
      const engineVersions: Record<string, number> = {};
      for (const n of nodes)
        engineVersions[n.engineVersion ?? 'unknown'] =
          (engineVersions[n.engineVersion ?? 'unknown'] ?? 0) + 1;
      return {
        clusterId: 'test',
        counts: {
          nodes: nodes.length,
          managers: managers.length,
          workers: nodes.length - managers.length,
          nodesReady: nodes.filter((n) => n.status === 'ready').length,
          services: services.length,
          tasks: tasks.length,
          tasksRunning: tasks.filter((t) => t.state === 'running').length,
          stacks: stacks.length,
          networks: 0,
          configs: 0,
          secrets: 0,
        },
        managers: managers.map((m) => ({
          id: m.id,
          hostname: m.hostname,
          leader: m.leader === true,
          reachability: 'reachable' as const,
          status: m.status,
        })),
        leader: leader === undefined ? null : { id: leader.id, hostname: leader.hostname },
        engineVersions,
        lastReconcileAt: new Date().toISOString(),
        lastChangeAt: null,
      };
    },
  };
}
