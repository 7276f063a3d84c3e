import type { BackupManifest, BackupProblem } from '@swarmops/contracts';
import { ARCHIVE_PATHS } from '../domain/cluster-state.js';
import type { ArchiveContents } from '../domain/cluster-state.js';
import { sha256Hex } from './canonical-json.js';
import { decrypt, isArchiveCryptoError, isEncrypted } from './crypto.js';
import { problem } from './problems.js';
import { readManifest } from './read-manifest.js';
import { readParts } from './read-parts.js';
import { unpackTarGz } from './tar-gz.js';
import type { TarEntry, UnpackedTar } from './tar-gz.js';
import { countContents } from './write-archive.js';

/** What {@link readArchive} found: `contents` only when `problems` is empty. */
export interface ReadArchiveResult {
  manifest: BackupManifest | null;
  contents: ArchiveContents | null;
  problems: BackupProblem[];
}

export interface ReadArchiveOptions {
  /** BACKUP_ENCRYPTION_KEY; needed only when the archive is encrypted. */
  key?: Buffer | null;
}

function openBytes(
  bytes: Buffer,
  key: Buffer | null | undefined,
): { plain: Buffer } | { problem: BackupProblem } {
  if (!isEncrypted(bytes)) return { plain: bytes };
  try {
    return { plain: decrypt(bytes, key) };
  } catch (error) {
    const message = isArchiveCryptoError(error) ? error.message : String(error);
    return { problem: problem('decrypt-failed', null, message) };
  }
}

function streamProblems(unpacked: UnpackedTar, missing: readonly string[]): BackupProblem[] {
  const damage =
    unpacked.gzipError !== null
      ? `gzip: ${unpacked.gzipError}`
      : unpacked.tarError !== null
        ? `tar: ${unpacked.tarError}`
        : null;
  if (damage === null) return [];
  const lost = missing.length > 0 ? `; parts not recovered: ${missing.join(', ')}` : '';
  return [problem('unreadable', null, `the archive is damaged or cut short (${damage})${lost}`)];
}

/** Matches the tar entries against the manifest; returns the parts whose size and sha256 are right. */
function checkEntries(manifest: BackupManifest, unpacked: UnpackedTar) {
  const problems: BackupProblem[] = [];
  const byPath = new Map<string, TarEntry>();
  for (const entry of unpacked.entries) {
    if (byPath.has(entry.path))
      problems.push(problem('unexpected-part', entry.path, `${entry.path} appears twice in the archive`));
    else byPath.set(entry.path, entry);
  }
  const listed = new Set(manifest.parts.map((part) => part.path));
  for (const path of [...byPath.keys(), ...unpacked.others]) {
    if (path !== ARCHIVE_PATHS.manifest && !listed.has(path)) {
      problems.push(problem('unexpected-part', path, `${path} is in the archive but not in its manifest`));
    }
  }
  const verified = new Map<string, Buffer>();
  const missing: string[] = [];
  for (const part of manifest.parts) {
    const entry = byPath.get(part.path);
    if (entry === undefined) {
      missing.push(part.path);
      continue;
    }
    const actual = sha256Hex(entry.data);
    if (actual !== part.sha256 || entry.data.length !== part.sizeBytes) {
      const message = `${part.path}: sha256 ${actual} (${entry.data.length} bytes), the manifest says ${part.sha256} (${part.sizeBytes} bytes)`;
      problems.push(problem('checksum-mismatch', part.path, message));
    } else {
      verified.set(part.path, entry.data);
    }
  }
  const damaged = unpacked.gzipError !== null || unpacked.tarError !== null;
  if (!damaged) {
    for (const path of missing)
      problems.push(problem('missing-part', path, `${path} is in the manifest but not in the archive`));
  }
  return { problems: [...streamProblems(unpacked, missing), ...problems], verified };
}

function countProblems(manifest: BackupManifest, contents: ArchiveContents): BackupProblem[] {
  const actual = countContents(contents);
  return (Object.keys(actual) as (keyof typeof actual)[])
    .filter((kind) => manifest.counts[kind] !== actual[kind])
    .map((kind) =>
      problem(
        'invalid-manifest',
        ARCHIVE_PATHS.manifest,
        `manifest.json.counts.${kind} is ${manifest.counts[kind]} but the parts hold ${actual[kind]}`,
      ),
    );
}

/**
 * Reads and checks an archive (encrypted or not): decryption, the gzip and tar streams, the manifest
 * (schema and format version), every part's size and sha256, parts missing from or not listed in the
 * manifest, and every part against the contracts' schemas. Never throws on a bad archive: everything wrong
 * is in `problems`, and `contents` is set only when there is nothing wrong.
 */
export async function readArchive(
  bytes: Buffer,
  options: ReadArchiveOptions = {},
): Promise<ReadArchiveResult> {
  try {
    return await readChecked(bytes, options);
  } catch (error) {
    // A safety net: whatever a malformed archive makes a library throw is reported, not thrown.
    const message = `the archive cannot be read (${error instanceof Error ? error.message : String(error)})`;
    return { manifest: null, contents: null, problems: [problem('unreadable', null, message)] };
  }
}

async function readChecked(bytes: Buffer, options: ReadArchiveOptions): Promise<ReadArchiveResult> {
  const opened = openBytes(bytes, options.key);
  if ('problem' in opened) return { manifest: null, contents: null, problems: [opened.problem] };
  const unpacked = await unpackTarGz(opened.plain);
  const manifestEntry = unpacked.entries.find((entry) => entry.path === ARCHIVE_PATHS.manifest);
  if (manifestEntry === undefined && (unpacked.gzipError !== null || unpacked.tarError !== null)) {
    return { manifest: null, contents: null, problems: streamProblems(unpacked, []) };
  }
  const { manifest, problems } = readManifest(manifestEntry?.data);
  if (manifest === null) {
    const damage = streamProblems(unpacked, []);
    return { manifest, contents: null, problems: damage.length > 0 ? damage : problems };
  }
  const checked = checkEntries(manifest, unpacked);
  problems.push(...checked.problems);
  const parts = readParts(manifest, checked.verified);
  problems.push(...parts.problems);
  // Counts are checked only on an otherwise sound archive: a missing part would also show up as a count.
  if (parts.contents !== null && problems.length === 0)
    problems.push(...countProblems(manifest, parts.contents));
  return { manifest, contents: problems.length === 0 ? parts.contents : null, problems };
}
