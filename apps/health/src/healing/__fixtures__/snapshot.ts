import type Dockerode from 'dockerode';
import type { CheckResult, ClusterSummary, Node } from '@swarmops/contracts';
import type { FailingCheck, RunOutcome } from '../../domain/run-outcome.js';
import type { ClusterSnapshot, ServiceFacts } from '../../domain/snapshot.js';

/** The swarm's nodes as health's snapshot carries them, read from the engine. */
export async function liveNodes(docker: Dockerode): Promise<Node[]> {
  const nodes = (await docker.listNodes()) as {
    ID: string;
    Spec?: { Role?: string; Availability?: string };
    Description?: { Hostname?: string };
    Status?: { State?: string; Addr?: string };
  }[];
  return nodes.map((n) => ({
    id: n.ID,
    hostname: n.Description?.Hostname ?? n.ID,
    ipAddress: n.Status?.Addr ?? '127.0.0.1',
    role: n.Spec?.Role === 'manager' ? 'manager' : 'worker',
    status: n.Status?.State === 'ready' ? 'ready' : 'down',
    availability:
      n.Spec?.Availability === 'drain' ? 'drain' : n.Spec?.Availability === 'pause' ? 'pause' : 'active',
    resources: { cpus: 1, memoryBytes: 1 },
    labels: {},
  }));
}

/** A service as far as healing reads it (name and stack). */
export function serviceFacts(name: string, stack: string | null): ServiceFacts {
  return {
    id: name,
    name,
    image: 'swarmops/busybox:test',
    mode: 'replicated',
    replicas: { desired: 1, running: 0 },
    constraints: [],
    labels: {},
    stack,
    spec: {},
  };
}

/** A cluster-wide run outcome with the given failing checks (what the runner hands its listeners). */
export function outcomeOf(
  clusterId: string,
  nodes: Node[],
  services: ServiceFacts[],
  failing: FailingCheck[],
): RunOutcome {
  const now = new Date().toISOString();
  const snapshot: ClusterSnapshot = {
    clusterId,
    takenAt: now,
    nodes,
    services,
    tasks: [],
    configs: [],
    secrets: [],
    summary: {} as ClusterSummary,
    swarm: null,
    platform: [],
    disk: null,
    nodeStatusChanges: [],
  };
  return {
    report: {} as RunOutcome['report'],
    snapshot,
    transitions: [],
    verdictChange: null,
    failing,
  };
}

/** A failing check since `since`. */
export function failingCheck(
  id: string,
  subject: string,
  since: Date,
  evidence: Record<string, unknown> = {},
): FailingCheck {
  const check: CheckResult = {
    id,
    status: 'fail',
    severity: 'high',
    subject,
    message: `${id} fails`,
    evidence,
  };
  return { check, since: since.toISOString(), lastAlertAt: null };
}
