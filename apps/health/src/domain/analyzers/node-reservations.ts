import type { CheckResult, Node } from '@swarmops/contracts';
import type { Analyzer, AnalyzerSettings } from '../analyzer.js';
import type { ClusterSnapshot, ServiceFacts } from '../snapshot.js';
import { activeTasksOn, nodeFacts, nodeSubject, okResult } from './cluster-results.js';

const ID = 'node.reservations';

interface Reservation {
  cpus: number;
  memoryBytes: number;
}

/** CPU and memory reserved by the tasks on each ready node, against what the node offers. */
export const nodeReservationsAnalyzer: Analyzer = {
  id: ID,
  title: 'CPU and memory reservations against node capacity',
  subjectKind: 'node',
  analyze(snapshot, { settings }) {
    const byService = new Map(snapshot.services.map((s) => [s.id, reservationOf(s)]));
    const usage = snapshot.nodes
      .filter((n) => n.status === 'ready')
      .map((node) => nodeUsage(snapshot, node, byService));
    const results = usage.flatMap((u) => judge(u, settings));
    if (results.length > 0) return results;
    const top = usage.sort((a, b) => b.peak - a.peak)[0];
    return [
      okResult(
        ID,
        top === undefined
          ? 'no ready node to check'
          : `reservations on ${usage.length} ready node(s) stay below ${pct(settings.reservationWarnRatio)} of capacity (highest: ${top.node.hostname} at ${pct(top.peak)})`,
        top === undefined ? undefined : { highest: { hostname: top.node.hostname, ratio: round(top.peak) } },
      ),
    ];
  },
};

interface NodeUsage {
  node: Node;
  cpusReserved: number;
  memoryReserved: number;
  cpuRatio: number | null;
  memoryRatio: number | null;
  peak: number;
  tasks: Array<{ taskId: string; service: string; cpus: number; memoryBytes: number }>;
}

function nodeUsage(snapshot: ClusterSnapshot, node: Node, byService: Map<string, Reservation>): NodeUsage {
  const tasks = activeTasksOn(snapshot.tasks, node.id).map((t) => {
    const r = byService.get(t.serviceId) ?? { cpus: 0, memoryBytes: 0 };
    return { taskId: t.id, service: t.serviceName ?? t.serviceId, cpus: r.cpus, memoryBytes: r.memoryBytes };
  });
  const cpusReserved = tasks.reduce((sum, t) => sum + t.cpus, 0);
  const memoryReserved = tasks.reduce((sum, t) => sum + t.memoryBytes, 0);
  const cpuRatio = node.resources.cpus > 0 ? cpusReserved / node.resources.cpus : null;
  const memoryRatio = node.resources.memoryBytes > 0 ? memoryReserved / node.resources.memoryBytes : null;
  return {
    node,
    cpusReserved,
    memoryReserved,
    cpuRatio,
    memoryRatio,
    peak: Math.max(cpuRatio ?? 0, memoryRatio ?? 0),
    tasks: tasks.filter((t) => t.cpus > 0 || t.memoryBytes > 0),
  };
}

function judge(u: NodeUsage, settings: AnalyzerSettings): CheckResult[] {
  if (u.peak < settings.reservationWarnRatio) return [];
  const over = u.peak > 1;
  const parts = [
    u.cpuRatio === null
      ? null
      : `CPU ${round(u.cpusReserved)} of ${u.node.resources.cpus} (${pct(u.cpuRatio)})`,
    u.memoryRatio === null
      ? null
      : `memory ${mib(u.memoryReserved)} of ${mib(u.node.resources.memoryBytes)} (${pct(u.memoryRatio)})`,
  ].filter((p): p is string => p !== null);
  return [
    {
      id: ID,
      status: over ? 'fail' : 'warn',
      severity: over ? 'high' : 'medium',
      subject: nodeSubject(u.node),
      message: `${u.node.hostname} has ${over ? 'more reserved than it offers' : 'almost everything reserved'}: ${parts.join(', ')}; tasks that reserve more will stay pending`,
      evidence: {
        ...nodeFacts(u.node),
        cpus: u.node.resources.cpus,
        cpusReserved: round(u.cpusReserved),
        cpuRatio: u.cpuRatio === null ? null : round(u.cpuRatio),
        memoryBytes: u.node.resources.memoryBytes,
        memoryReservedBytes: u.memoryReserved,
        memoryRatio: u.memoryRatio === null ? null : round(u.memoryRatio),
        warnRatio: settings.reservationWarnRatio,
        tasks: [...u.tasks].sort((a, b) => b.cpus - a.cpus || b.memoryBytes - a.memoryBytes).slice(0, 10),
      },
      fix: `lower the reservations of the largest services (docker service update --reserve-cpu <n> --reserve-memory <bytes> <service>) or add nodes; see evidence.tasks for what ${u.node.hostname} holds`,
    },
  ];
}

function reservationOf(service: ServiceFacts): Reservation {
  const template = service.spec.TaskTemplate as
    { Resources?: { Reservations?: { NanoCPUs?: number; MemoryBytes?: number } } } | undefined;
  const r = template?.Resources?.Reservations;
  return { cpus: (r?.NanoCPUs ?? 0) / 1e9, memoryBytes: r?.MemoryBytes ?? 0 };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;
const mib = (bytes: number) => `${Math.round(bytes / 1048576)} MiB`;
