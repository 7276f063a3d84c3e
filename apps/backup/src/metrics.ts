import { Counter, Gauge, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

/** What a run was. */
export type RunKind = 'backup' | 'verify' | 'restore';

/** Backup's metrics, registered on the service's registry. */
export interface BackupMetrics {
  /** Counts one finished run and its wall time. `status` is succeeded, failed, invalid (verify) or planned. */
  observeRun(kind: RunKind, status: string, seconds: number): void;
  /** Records a written archive: its size and, as the last success, its time. */
  observeArchive(sizeBytes: number, at: Date): void;
}

/** Creates the backup metrics on `registry`. */
export function createBackupMetrics(registry: Registry): BackupMetrics {
  const registers = [registry];
  const runs = new Counter({
    name: 'backup_runs_total',
    help: 'Backup, verify and restore runs by kind (backup, verify, restore) and status (succeeded, failed, invalid for a verify that found problems, planned for a dry-run restore).',
    labelNames: ['kind', 'status'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'backup_duration_seconds',
    help: 'Wall time of a backup, verify or restore run from the request to its end, by kind and status, in seconds.',
    labelNames: ['kind', 'status'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers,
  });
  const size = new Gauge({
    name: 'backup_size_bytes',
    help: 'Size of the last archive written, as stored (after compression and encryption), in bytes.',
    registers,
  });
  const lastSuccess = new Gauge({
    name: 'backup_last_success_timestamp_seconds',
    help: 'Unix time of the last backup that was written successfully, in seconds (0 before the first one).',
    registers,
  });
  return {
    observeRun(kind, status, seconds) {
      runs.inc({ kind, status });
      duration.observe({ kind, status }, seconds);
    },
    observeArchive(sizeBytes, at) {
      size.set(sizeBytes);
      lastSuccess.set(at.getTime() / 1000);
    },
  };
}
