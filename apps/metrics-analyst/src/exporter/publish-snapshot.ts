import type { ExporterMetricSet } from './exporter-metrics.js';
import type { EnginePart, ExporterSnapshot, PartStatus, SwarmPart } from './snapshot.js';

const AVAILABILITIES = ['active', 'pause', 'drain'];

/**
 * Replaces every series with the snapshot's: each gauge and absolute counter is reset first, so the series
 * of a removed node or service, or of a part that failed, disappear. Synchronous, so no scrape sees half.
 * The error counter is the one real counter: it only grows.
 */
export function publishSnapshot(m: ExporterMetricSet, snapshot: ExporterSnapshot): void {
  for (const [name, metric] of Object.entries(m) as [string, { reset(): void }][])
    if (name !== 'errors') metric.reset();
  for (const part of [snapshot.swarm, ...snapshot.engines]) publishPart(m, part);
  if (snapshot.swarm.up) publishSwarm(m, snapshot.swarm);
  for (const engine of snapshot.engines) if (engine.up) publishEngine(m, engine);
}

function publishPart(m: ExporterMetricSet, part: PartStatus): void {
  const labels = { engine: part.engine };
  m.engineUp.set(labels, part.up ? 1 : 0);
  m.collectSeconds.set(labels, part.durationSeconds);
  m.errors.inc(labels, part.errors);
}

function publishSwarm(m: ExporterMetricSet, swarm: SwarmPart): void {
  for (const n of swarm.nodes) {
    const id = { node: n.node, node_id: n.nodeId };
    m.nodeUp.set({ ...id, role: n.role }, n.status === 'ready' ? 1 : 0);
    const availabilities = AVAILABILITIES.includes(n.availability)
      ? AVAILABILITIES
      : [...AVAILABILITIES, n.availability];
    for (const availability of availabilities)
      m.nodeAvailability.set({ ...id, availability }, availability === n.availability ? 1 : 0);
    m.nodeInfo.set(
      {
        ...id,
        role: n.role,
        availability: n.availability,
        status: n.status,
        engine_version: n.engineVersion,
        leader: String(n.leader),
      },
      1,
    );
    m.nodeCpuCores.set(id, n.cpuCores);
    m.nodeMemoryBytes.set(id, n.memoryBytes);
  }
  for (const s of swarm.services) {
    const id = { service: s.service, service_id: s.serviceId, stack: s.stack };
    m.desired.set({ ...id, mode: s.mode }, s.desired);
    m.running.set(id, s.running);
    for (const [state, count] of Object.entries(s.tasksByState)) m.tasks.set({ ...id, state }, count);
    if (s.cpuLimitCores !== undefined) m.cpuLimit.set(id, s.cpuLimitCores);
    if (s.cpuReservationCores !== undefined) m.cpuReservation.set(id, s.cpuReservationCores);
    if (s.memoryLimitBytes !== undefined) m.memoryLimit.set(id, s.memoryLimitBytes);
    if (s.memoryReservationBytes !== undefined) m.memoryReservation.set(id, s.memoryReservationBytes);
    m.restarts.inc(id, s.restarts);
  }
}

function publishEngine(m: ExporterMetricSet, engine: EnginePart): void {
  for (const u of engine.usage) {
    const labels = { service: u.service, stack: u.stack, node: engine.engine };
    m.cpuSeconds.inc(labels, u.cpuSeconds);
    m.memory.set(labels, u.memoryBytes);
    m.rx.inc(labels, u.rxBytes);
    m.tx.inc(labels, u.txBytes);
    m.containers.set(labels, u.containers);
  }
  if (engine.filesystem !== undefined) {
    m.fsSize.set({ node: engine.engine }, engine.filesystem.sizeBytes);
    m.fsAvail.set({ node: engine.engine }, engine.filesystem.availBytes);
  }
}
