import type {
  BackupManifest,
  BackupProblem,
  BackupSummary,
  RestoreApplyData,
  RestoreApplyItem,
  RestoreApplyOutcome,
  RestorePlan,
} from '@swarmops/contracts';
import type { ArchiveContents, ClusterState } from './domain/cluster-state.js';

// What the runs need from the archive, capture and restore modules and from the store, as small function
// types: `backup-core.ts` binds the real modules (with the key and the directory), unit tests bind fakes.

/** What `writeArchive` records about the run besides the contents. */
export interface ArchiveMeta {
  backupId: string;
  clusterId: string;
  createdAt: string;
  swarmopsVersion: string;
  stacks: string[] | null;
}

/** An archive read back: never throws on a bad archive, the problems say what is wrong. */
export interface ReadArchiveResult {
  manifest: BackupManifest | null;
  contents: ArchiveContents | null;
  problems: BackupProblem[];
}

/** The archive format: tar.gz with a manifest, optionally encrypted with the configured key. */
export interface ArchiveCodec {
  write(contents: ArchiveContents, meta: ArchiveMeta): Promise<{ bytes: Buffer; manifest: BackupManifest }>;
  /** Reads stored bytes back (decrypting when they are encrypted); problems instead of throwing. */
  read(bytes: Buffer): Promise<ReadArchiveResult>;
  /** Encrypts with the configured key, or returns null when no key is configured. */
  seal(bytes: Buffer): Buffer | null;
}

/** Where archives live. The store is the source of truth for listing; rows only record the runs. */
export interface ArchiveStore {
  /** Writes the archive and its summary atomically; returns the summary with its `location`. */
  put(bytes: Buffer, summary: Omit<BackupSummary, 'location'>): Promise<BackupSummary>;
  /** The stored bytes, or null when there is no such archive. */
  get(backupId: string): Promise<Buffer | null>;
  /** The summary, or null when there is no such archive. */
  stat(backupId: string): Promise<BackupSummary | null>;
  /** Every archive, newest first. */
  list(): Promise<BackupSummary[]>;
  remove(backupId: string): Promise<void>;
}

/** Reads the live cluster (everything, or only the given stacks' objects). */
export type CaptureCluster = (stacks: string[] | null) => Promise<ClusterState>;

/** A custom-format dump of the Swarmops database. */
export type DumpDatabase = () => Promise<Buffer>;

/** The operator's secret values by secret name (empty when no secrets file is configured). */
export type ReadSecretValues = () => Promise<Map<string, Buffer>>;

/** The pure planner's input besides the archive and the live state. */
export interface PlanFilters {
  stacks: string[] | null;
  services: string[] | null;
}

/** The restore module: plan, grouping into deployer requests, and applying them in order. */
export interface RestoreSteps {
  plan(input: {
    archive: ClusterState;
    live: ClusterState;
    backupId: string;
    filters: PlanFilters;
    secretValues: ReadonlySet<string>;
  }): RestorePlan;
  groups(
    plan: RestorePlan,
    archive: ClusterState,
    secretValues: Map<string, Buffer>,
  ): { stack: string | null; items: RestoreApplyItem[] }[];
  apply(input: {
    plan: RestorePlan;
    groups: { stack: string | null; items: RestoreApplyItem[] }[];
    deployer: (request: { stack: string | null; items: RestoreApplyItem[] }) => Promise<RestoreApplyData>;
    onProgress: (done: number, total: number, message: string) => void | Promise<void>;
  }): Promise<{ outcomes: RestoreApplyOutcome[]; deploymentIds: string[]; error: string | null }>;
}
