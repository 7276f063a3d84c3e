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
