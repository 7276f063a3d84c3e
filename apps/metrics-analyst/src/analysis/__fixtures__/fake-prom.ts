// A fake PromClient for the analysis' pure unit tests: answers each query from a small in-memory cluster
// by looking at the metric and the label matchers in the PromQL. Not a Prometheus: it knows only the
// query shapes src/analysis/promql.ts builds.
import { AppError, ErrorCode } from '@swarmops/contracts';
import type { PromClient, PromSample, PromSeries } from '../../ports.js';

export type Curve = (t: number) => number;

export interface FakeService {
  readonly service: string;
  readonly stack: string;
  readonly id?: string;
  readonly cpu: Curve;
  readonly memory: Curve;
  readonly cpuLimit?: number;
  readonly memoryLimit?: number;
  readonly memoryReservation?: number;
  readonly desired?: number;
  readonly running?: number;
  readonly restarts?: number;
  readonly failed?: number;
}

export interface FakeNode {
  readonly node: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly diskSize?: number;
  readonly diskAvail?: Curve;
}

export interface FakeCluster {
  readonly services: readonly FakeService[];
  readonly nodes: readonly FakeNode[];
}

export interface Call {
  readonly promql: string;
  readonly kind: 'instant' | 'range';
}

function matches(promql: string, s: FakeService): boolean {
  const service = /service(_id)?="([^"]*)"/.exec(promql);
  if (service && service[2] !== s.service && service[2] !== s.id) return false;
  const stack = /stack="([^"]*)"/.exec(promql);
  if (stack && stack[1] !== s.stack) return false;
  const stacks = /stack=~"([^"]*)"/.exec(promql);
  if (stacks && !stacks[1]!.split('|').includes(s.stack)) return false;
  return true;
}

const labels = (s: FakeService): Record<string, string> => ({ service: s.service, stack: s.stack });

export function fakeProm(cluster: FakeCluster, fail?: AppError): PromClient & { calls: Call[] } {
  const calls: Call[] = [];
  const services = (promql: string): FakeService[] => cluster.services.filter((s) => matches(promql, s));
  const curveOf = (promql: string): ((s: FakeService) => Curve) | null => {
    if (promql.includes('swarm_service_cpu_seconds_total')) return (s) => s.cpu;
    if (promql.includes('swarm_service_memory_bytes')) return (s) => s.memory;
    return null;
  };
  const value = (promql: string, s: FakeService): number | undefined => {
    if (promql.includes('swarm_service_cpu_limit_cores')) return s.cpuLimit;
    if (promql.includes('swarm_service_memory_limit_bytes')) return s.memoryLimit;
    if (promql.includes('swarm_service_memory_reservation_bytes')) return s.memoryReservation;
    if (promql.includes('swarm_service_replicas_desired')) return s.desired;
    if (promql.includes('swarm_service_replicas_running')) return s.running;
    if (promql.includes('swarm_service_restarts_total')) return s.restarts ?? 0;
    if (promql.includes('swarm_service_tasks')) return s.failed ?? 0;
    return undefined;
  };
  return {
    url: 'http://fake-prometheus',
    calls,
    instant(promql) {
      calls.push({ promql, kind: 'instant' });
      if (fail) return Promise.reject(fail);
      if (promql.startsWith('group by (service, stack)'))
        return Promise.resolve(services(promql).map((s) => ({ labels: labels(s), value: 1 })));
      const out: PromSample[] = [];
      if (promql.includes('swarm_node_cpu_cores'))
        for (const n of cluster.nodes) out.push({ labels: { node: n.node }, value: n.cores });
      else if (promql.includes('swarm_node_memory_bytes'))
        for (const n of cluster.nodes) out.push({ labels: { node: n.node }, value: n.memoryBytes });
      else if (promql.includes('swarm_node_filesystem_size_bytes'))
        for (const n of cluster.nodes)
          if (n.diskSize !== undefined) out.push({ labels: { node: n.node }, value: n.diskSize });
      for (const s of promql.includes('swarm_node_') ? [] : services(promql)) {
        const v = value(promql, s);
        if (v !== undefined) out.push({ labels: labels(s), value: v });
      }
      return Promise.resolve(out);
    },
    range(promql, start, end, step) {
      calls.push({ promql, kind: 'range' });
      if (fail) return Promise.reject(fail);
      const times: number[] = [];
      for (let t = start; t <= end; t += step) times.push(t);
      const out: PromSeries[] = [];
      if (promql.includes('swarm_node_filesystem_avail_bytes')) {
        for (const n of cluster.nodes)
          if (n.diskAvail)
            out.push({ labels: { node: n.node }, points: times.map((t) => [t, n.diskAvail!(t)]) });
        return Promise.resolve(out);
      }
      const curve = curveOf(promql);
      if (curve === null) return Promise.reject(new AppError(ErrorCode.INVALID_REQUEST, `fake: ${promql}`));
      const selected = services(promql);
      if (promql.includes('by (node)')) {
        for (const n of cluster.nodes)
          out.push({
            labels: { node: n.node },
            points: times.map((t) => [t, selected.reduce((sum, s) => sum + curve(s)(t), 0)]),
          });
        return Promise.resolve(out);
      }
      for (const s of selected) out.push({ labels: labels(s), points: times.map((t) => [t, curve(s)(t)]) });
      return Promise.resolve(out);
    },
    query() {
      return Promise.reject(new Error('fake: query is not used by the analysis'));
    },
    ready() {
      return Promise.resolve();
    },
  };
}
