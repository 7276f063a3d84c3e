export { writeArchive, countContents } from './write-archive.js';
export type { ArchiveMeta, WrittenArchive } from './write-archive.js';
export { readArchive } from './read-archive.js';
export type { ReadArchiveOptions, ReadArchiveResult } from './read-archive.js';
export { LIMITATIONS, REQUIRED_PARTS, stackPartPath } from './archive-layout.js';
export { canonicalJson, sha256Hex } from './canonical-json.js';
export { packTarGz, unpackTarGz } from './tar-gz.js';
export type { TarEntry, UnpackedTar } from './tar-gz.js';
export {
  ArchiveCryptoError,
  CryptoFailure,
  decrypt,
  ENCRYPTED_MAGIC,
  encrypt,
  isArchiveCryptoError,
  isEncrypted,
} from './crypto.js';
export type { BackupStore, BackupSummaryInput, StoreProblem } from './backup-store.js';
export { createLocalStore } from './local-store.js';
export type { LocalStoreOptions } from './local-store.js';
export { writeFileAtomic } from './atomic-file.js';
export { selectRetention } from './retention.js';
export type { RetentionDecision, RetentionPolicy, RetentionReason } from './retention.js';
export { nextRun, nodeSetTimer, parseSchedule, ScheduleError, startScheduler } from './schedule.js';
export type { Schedule, Scheduler, SchedulerOptions, SetTimer } from './schedule.js';
export { encryptSecretsYaml, parseSecretsYaml, readSecretsFile, SecretsFileError } from './secrets-file.js';
