// Test-only: snapshots built from inventory output recorded on a real swarm (see README.md).
import { readFileSync } from 'node:fs';
import type { ClusterSummary, Node, Task } from '@swarmops/contracts';
import type { ClusterSnapshot, ServiceFacts } from '../../snapshot.js';

interface Recording {
  capturedAt: string;
  nodes: Node[];
  services: ServiceFacts[];
  tasks: Task[];
  summary: ClusterSummary;
}

function load(file: string): Recording {
  return JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')) as Recording;
}

function snapshotOf(recording: Recording): ClusterSnapshot {
  return {
    clusterId: recording.summary.clusterId,
    takenAt: recording.capturedAt,
    nodes: recording.nodes,
    services: recording.services,
    tasks: recording.tasks,
    configs: [],
    secrets: [],
    summary: recording.summary,
    swarm: null,
    platform: [],
    disk: null,
    nodeStatusChanges: [],
  };
}

/** When the recordings were taken: the `now` that makes their ages real. */
export const RECORDED_AT = new Date(load('recorded-faults.json').capturedAt);

/** A fresh copy each call, so a test may edit it. */
export const serviceFixtures = {
  faults: () => snapshotOf(load('recorded-faults.json')),
  healthy: () => snapshotOf(load('recorded-healthy.json')),
};

/** The recorded service named `fx-<suffix>`. */
export function service(snapshot: ClusterSnapshot, suffix: string): ServiceFacts {
  const found = snapshot.services.find((s) => s.name === `fx-${suffix}`);
  if (found === undefined) throw new Error(`no service fx-${suffix} in the fixture`);
  return found;
}

/** The recorded tasks of a service, as stored. */
export function tasksOf(snapshot: ClusterSnapshot, suffix: string): Task[] {
  const id = service(snapshot, suffix).id;
  return snapshot.tasks.filter((t) => t.serviceId === id);
}
