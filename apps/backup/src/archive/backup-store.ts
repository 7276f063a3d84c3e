import type { BackupSummary } from '@swarmops/contracts';

/** Summary fields the store itself sets from what it wrote. */
type StoreFields = 'backupId' | 'location' | 'sizeBytes' | 'sha256' | 'encrypted';

/** What a caller hands to {@link BackupStore.put}: the summary without (or with, ignored) the store's fields. */
export type BackupSummaryInput = Omit<BackupSummary, StoreFields> & Partial<Pick<BackupSummary, StoreFields>>;

/** Something odd in the store that is reported instead of failing a listing. */
export interface StoreProblem {
  backupId: string | null;
  /** The file concerned (a path inside the store). */
  file: string;
  message: string;
}

/**
 * Where archives live. The store is the source of truth for `list_backups`: another Swarmops pointed at the
 * same store sees the same archives. The local directory store is the first; S3 can follow.
 */
export interface BackupStore {
  /** Stores an archive (encrypted or not, told by its magic) and its summary; CONFLICT if the id exists. */
  put(backupId: string, bytes: Buffer, summary: BackupSummaryInput): Promise<BackupSummary>;
  /** The archive bytes as stored; NOT_FOUND when there is none. */
  get(backupId: string): Promise<Buffer>;
  /** The summary, or null when there is no such backup. */
  stat(backupId: string): Promise<BackupSummary | null>;
  /** Every complete backup, newest first. Problems are reported (see {@link scan}), never thrown. */
  list(): Promise<BackupSummary[]>;
  /** Every complete backup newest first, and what looks wrong (a summary without its archive...). */
  scan(): Promise<{ summaries: BackupSummary[]; problems: StoreProblem[] }>;
  /** Removes the archive and its summary; false when there was nothing to remove. */
  remove(backupId: string): Promise<boolean>;
}
