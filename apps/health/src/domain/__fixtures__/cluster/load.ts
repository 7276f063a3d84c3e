import { readFileSync } from 'node:fs';
import type { AnalyzerContext, AnalyzerSettings } from '../../analyzer.js';
import { DEFAULT_ANALYZER_SETTINGS } from '../../analyzer.js';
import type { ClusterSnapshot } from '../../snapshot.js';

/** The recorded snapshots in this folder (see README.md for how and where each was recorded). */
export const CLUSTER_FIXTURES = [
  'single-node',
  'lab-healthy',
  'lab-worker-drained',
  'lab-worker-down',
  'lab-manager-down',
  'lab-quorum-lost',
] as const;
export type ClusterFixture = (typeof CLUSTER_FIXTURES)[number];

/** A fresh copy of a recorded snapshot (tests edit their copy freely). */
export function loadClusterFixture(name: ClusterFixture): ClusterSnapshot {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8')) as ClusterSnapshot;
}

/** A root CA made with openssl, valid for 5 days from 2026-11-27T19:42:58Z. */
export function shortLivedCaPem(): string {
  return readFileSync(new URL('./short-lived-ca.pem', import.meta.url), 'utf8');
}

/** The context of a run at the moment the snapshot was taken (or `now`), with default settings. */
export function contextAt(
  snapshot: ClusterSnapshot,
  overrides: { now?: Date; settings?: Partial<AnalyzerSettings> } = {},
): AnalyzerContext {
  return {
    now: overrides.now ?? new Date(snapshot.takenAt),
    settings: { ...DEFAULT_ANALYZER_SETTINGS, ...overrides.settings },
  };
}
