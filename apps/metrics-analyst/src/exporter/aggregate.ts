import type { RawContainerStats } from './docker-types.js';

/** What one container's stats say: monotonic totals and the memory in use now. */
export interface ContainerUsage {
  readonly cpuSeconds: number;
  readonly memoryBytes: number;
  readonly rxBytes: number;
  readonly txBytes: number;
}

/** One running container of a service on the engine, with its stats (undefined when they could not be read). */
export interface ContainerReading {
  readonly id: string;
  readonly service: string;
  readonly stack: string;
  readonly stats: RawContainerStats | undefined;
}

/** A service's usage on one engine: the sums over its containers. */
export interface UsageSample {
  readonly service: string;
  readonly stack: string;
  readonly cpuSeconds: number;
  readonly memoryBytes: number;
  readonly rxBytes: number;
  readonly txBytes: number;
  readonly containers: number;
}

type Totals = Pick<ContainerUsage, 'cpuSeconds' | 'rxBytes' | 'txBytes'>;
interface Known {
  readonly key: string;
  readonly service: string;
  readonly stack: string;
  readonly usage: ContainerUsage;
}
interface Base {
  readonly service: string;
  readonly stack: string;
  readonly totals: Totals;
}

/**
 * What the aggregation remembers between collections: each live container's last reading, and per service
 * the totals of its containers that are gone (so the sums stay monotonic across container churn).
 */
export interface AggregateState {
  readonly containers: ReadonlyMap<string, Known>;
  readonly base: ReadonlyMap<string, Base>;
}

export const emptyAggregateState: AggregateState = { containers: new Map(), base: new Map() };

const ZERO: Totals = { cpuSeconds: 0, rxBytes: 0, txBytes: 0 };
const TOTALS = ['cpuSeconds', 'rxBytes', 'txBytes'] as const;

/**
 * Reads one stats answer, cgroup v1 or v2. Memory is usage minus inactive page cache, as `docker stats` (CLI
 * 20.10+) computes it: `total_inactive_file` on cgroup v1, `inactive_file` on v2, whichever is present and
 * below usage. (The v1 `cache` figure would also subtract active file pages and tmpfs, which a container can
 * not give back at will, and under-report a service that holds data in /dev/shm.) Undefined for an answer
 * without CPU figures or with a zero `read` time: Docker's reply for a container that stopped meanwhile.
 */
export function readContainerStats(stats: RawContainerStats): ContainerUsage | undefined {
  const total = stats.cpu_stats?.cpu_usage?.total_usage;
  if (typeof total !== 'number' || stats.read === undefined || stats.read.startsWith('0001-'))
    return undefined;
  let rxBytes = 0;
  let txBytes = 0;
  for (const net of Object.values(stats.networks ?? {})) {
    rxBytes += net.rx_bytes ?? 0;
    txBytes += net.tx_bytes ?? 0;
  }
  return { cpuSeconds: total / 1e9, memoryBytes: memoryInUse(stats), rxBytes, txBytes };
}

function memoryInUse(stats: RawContainerStats): number {
  const usage = stats.memory_stats?.usage ?? 0;
  const detail = stats.memory_stats?.stats ?? {};
  const v1 = detail.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = detail.inactive_file;
  if (v2 !== undefined && v2 < usage) return usage - v2;
  return usage;
}

/**
 * Folds one engine's container readings into per-service sums. Monotonic totals: a container that went away
 * leaves its last totals in the service's base; a container whose counter went backwards (it cannot in Swarm,
 * which never restarts a container in place, but an engine might) leaves its previous value the same way. A
 * reading without stats keeps the container's last values. A service without containers keeps its series
 * (zero memory and containers, totals unchanged) while `keep` says the service still exists, else it is
 * dropped and its totals are forgotten.
 */
export function aggregateUsage(
  state: AggregateState,
  readings: readonly ContainerReading[],
  keep: (service: string) => boolean,
): { state: AggregateState; samples: UsageSample[] } {
  const base = new Map(state.base);
  const containers = new Map<string, Known>();
  for (const reading of readings) {
    const key = usageKey(reading.service, reading.stack);
    const previous = state.containers.get(reading.id);
    const usage = reading.stats === undefined ? undefined : readContainerStats(reading.stats);
    if (usage === undefined) {
      if (previous !== undefined) containers.set(reading.id, previous);
      continue;
    }
    if (previous !== undefined) {
      const lost = TOTALS.filter((name) => usage[name] < previous.usage[name]);
      if (lost.length > 0) addToBase(base, previous, lost);
    }
    containers.set(reading.id, { key, service: reading.service, stack: reading.stack, usage });
  }
  for (const [id, previous] of state.containers) if (!containers.has(id)) addToBase(base, previous, TOTALS);

  const sums = new Map<string, UsageSample>();
  for (const [key, { service, stack, totals }] of base) {
    sums.set(key, { service, stack, ...totals, memoryBytes: 0, containers: 0 });
  }
  for (const { key, service, stack, usage } of containers.values()) {
    const sum = sums.get(key) ?? { service, stack, ...ZERO, memoryBytes: 0, containers: 0 };
    sums.set(key, {
      service,
      stack,
      cpuSeconds: sum.cpuSeconds + usage.cpuSeconds,
      memoryBytes: sum.memoryBytes + usage.memoryBytes,
      rxBytes: sum.rxBytes + usage.rxBytes,
      txBytes: sum.txBytes + usage.txBytes,
      containers: sum.containers + 1,
    });
  }
  const samples: UsageSample[] = [];
  for (const [key, sample] of sums) {
    if (sample.containers > 0 || keep(sample.service)) samples.push(sample);
    else base.delete(key);
  }
  return { state: { containers, base }, samples };
}

function usageKey(service: string, stack: string): string {
  return `${stack}\u0000${service}`;
}

function addToBase(base: Map<string, Base>, container: Known, names: readonly (keyof Totals)[]): void {
  const totals = { ...(base.get(container.key)?.totals ?? ZERO) };
  for (const name of names) totals[name] += container.usage[name];
  base.set(container.key, { service: container.service, stack: container.stack, totals });
}
