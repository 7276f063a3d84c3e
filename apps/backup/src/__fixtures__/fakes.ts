import type { BackupSummary, EventEnvelope, RestoreResult } from '@swarmops/contracts';
import { silentLogger } from '@swarmops/bus';
import type { BackupRow, BackupsRepo } from '../adapters/backups-repo.js';
import { createBackupEvents } from '../adapters/backup-events.js';
import type { BackupEventInput, BackupEvents } from '../adapters/backup-events.js';
import type { RestoresRepo } from '../adapters/restores-repo.js';
import type { ClusterState } from '../domain/cluster-state.js';
import type { BackupMetrics } from '../metrics.js';
import type { ArchiveCodec, ArchiveStore } from '../ports.js';

// In-memory stand-ins for the run's own adapters, for unit tests of the run logic. Docker, NATS and
// PostgreSQL are exercised for real by the integration tests.

export const CLUSTER = 'cluster-a';

export function clusterState(over: Partial<ClusterState> = {}): ClusterState {
  return {
    clusterId: CLUSTER,
    swarm: null,
    nodes: [],
    networks: [],
    configs: [],
    secrets: [],
    services: [],
    stacks: [],
    ...over,
  };
}

/** A clock that moves on by `stepMs` at every reading. */
export function steppingClock(start = '2026-11-27T22:41:00.000Z', stepMs = 100): () => Date {
  let t = Date.parse(start);
  return () => {
    const d = new Date(t);
    t += stepMs;
    return d;
  };
}

export function memoryStore(): ArchiveStore & {
  files: Map<string, { bytes: Buffer; summary: BackupSummary }>;
} {
  const files = new Map<string, { bytes: Buffer; summary: BackupSummary }>();
  return {
    files,
    put(bytes, partial) {
      const summary = { ...partial, location: `/mem/${partial.backupId}.tar.gz` };
      files.set(partial.backupId, { bytes, summary });
      return Promise.resolve(summary);
    },
    get: (id) => Promise.resolve(files.get(id)?.bytes ?? null),
    stat: (id) => Promise.resolve(files.get(id)?.summary ?? null),
    list: () =>
      Promise.resolve(
        [...files.values()].map((f) => f.summary).sort((a, b) => b.backupId.localeCompare(a.backupId)),
      ),
    remove(id) {
      files.delete(id);
      return Promise.resolve();
    },
  };
}

/** A codec that writes the contents as JSON and "encrypts" by prefixing a marker. */
export function jsonCodec(encrypted = false): ArchiveCodec {
  return {
    write(contents, meta) {
      const bytes = Buffer.from(
        JSON.stringify({ ...contents, database: contents.database?.toString('base64') }),
      );
      return Promise.resolve({
        bytes,
        manifest: {
          formatVersion: 1,
          backupId: meta.backupId,
          clusterId: meta.clusterId,
          createdAt: meta.createdAt,
          swarmopsVersion: meta.swarmopsVersion,
          stacks: meta.stacks,
          counts: {
            stacks: contents.stacks.length,
            services: contents.services.length,
            networks: contents.networks.length,
            configs: contents.configs.length,
            secrets: contents.secrets.length,
            nodes: contents.nodes.length,
            stackVersions: 0,
          },
          parts: [{ path: 'services.json', kind: 'services', sha256: 'a'.repeat(64), sizeBytes: 1 }],
          limitations: [],
        },
      });
    },
    read(bytes) {
      const text = bytes.toString('utf8');
      if (!text.startsWith('{')) {
        return Promise.resolve({
          manifest: null,
          contents: null,
          problems: [{ code: 'checksum-mismatch', part: 'services.json', message: 'sha256 differs' }],
        });
      }
      const parsed = JSON.parse(text) as ClusterState;
      return Promise.resolve({ manifest: null, contents: { ...parsed, database: null }, problems: [] });
    },
    seal: (bytes) => (encrypted ? Buffer.concat([Buffer.from('SEALED'), bytes]) : null),
  };
}

export function memoryBackupsRepo(): BackupsRepo & { rows: Map<string, BackupRow>; events: EventEnvelope[] } {
  const rows = new Map<string, BackupRow>();
  const events: EventEnvelope[] = [];
  const end = (id: string, set: Partial<BackupRow>, evs: EventEnvelope[]) => {
    const row = rows.get(id);
    if (row?.status === 'running') rows.set(id, { ...row, ...set });
    events.push(...evs);
    return Promise.resolve();
  };
  return {
    rows,
    events,
    start(row, evs) {
      rows.set(row.id, { ...row, status: 'running', finishedAt: null, error: null });
      events.push(...evs);
      return Promise.resolve();
    },
    succeed: (id, _summary, at, evs) => end(id, { status: 'succeeded', finishedAt: at }, evs),
    fail: (id, error, at, evs) => end(id, { status: 'failed', finishedAt: at, error }, evs),
    markPruned(_clusterId, ids) {
      for (const id of ids) {
        const row = rows.get(id);
        if (row !== undefined) rows.set(id, { ...row, status: 'pruned' });
      }
      return Promise.resolve();
    },
    get: (id) => Promise.resolve(rows.get(id) ?? null),
    failInterrupted: () => Promise.resolve([]),
  };
}

export function memoryRestoresRepo(): RestoresRepo & {
  rows: Map<string, RestoreResult>;
  events: EventEnvelope[];
} {
  const rows = new Map<string, RestoreResult>();
  const events: EventEnvelope[] = [];
  return {
    rows,
    events,
    insert(_clusterId, result, _by, evs) {
      rows.set(result.restoreId, result);
      events.push(...evs);
      return Promise.resolve();
    },
    finish(result, evs) {
      rows.set(result.restoreId, result);
      events.push(...evs);
      return Promise.resolve();
    },
    failInterrupted: () => Promise.resolve([]),
  };
}

export function recordingMetrics(): BackupMetrics & { runs: string[] } {
  const runs: string[] = [];
  return {
    runs,
    observeRun: (kind, status) => runs.push(`${kind}:${status}`),
    observeArchive: () => undefined,
  };
}

/** Events without JetStream: envelopes are built for real; progress is kept in `sent`. */
export function eventsWithoutBus(now: () => Date): BackupEvents & { sent: BackupEventInput[] } {
  let n = 0;
  const built = createBackupEvents({
    js: null,
    logger: silentLogger,
    now,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  });
  const sent: BackupEventInput[] = [];
  return {
    sent,
    envelope: (type, clusterId, data) => built.envelope(type, clusterId, data),
    progress(_type, _clusterId, data) {
      sent.push(data);
      return Promise.resolve();
    },
  };
}
