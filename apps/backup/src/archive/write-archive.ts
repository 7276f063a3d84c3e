import type { BackupCounts, BackupManifest, ManifestPart } from '@swarmops/contracts';
import { BACKUP_FORMAT_VERSION, BackupManifestSchema } from '@swarmops/contracts';
import { ARCHIVE_PATHS } from '../domain/cluster-state.js';
import type { ArchiveContents } from '../domain/cluster-state.js';
import { LIMITATIONS, REQUIRED_PARTS, stackPartPath } from './archive-layout.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { packTarGz } from './tar-gz.js';
import type { TarEntry } from './tar-gz.js';

/** Who and what the archive is about; stored in its manifest. */
export interface ArchiveMeta {
  backupId: string;
  clusterId: string;
  /** ISO 8601; also every tar entry's mtime. */
  createdAt: string;
  swarmopsVersion: string;
  /** The stacks asked for, or null for everything. */
  stacks: readonly string[] | null;
}

/** The archive file (a tar.gz, not yet encrypted) and the manifest it starts with. */
export interface WrittenArchive {
  bytes: Buffer;
  manifest: BackupManifest;
}

/** How many objects of each kind `contents` holds. */
export function countContents(contents: ArchiveContents): BackupCounts {
  return {
    stacks: contents.stacks.length,
    services: contents.services.length,
    networks: contents.networks.length,
    configs: contents.configs.length,
    secrets: contents.secrets.length,
    nodes: contents.nodes.length,
    stackVersions: contents.stacks.reduce((sum, stack) => sum + stack.versions.length, 0),
  };
}

type Part = TarEntry & Pick<ManifestPart, 'kind'>;

function partsOf(contents: ArchiveContents): Part[] {
  const byKind = {
    swarm: contents.swarm,
    nodes: contents.nodes,
    networks: contents.networks,
    configs: contents.configs,
    secrets: contents.secrets,
    services: contents.services,
  };
  const parts: Part[] = REQUIRED_PARTS.map(({ path, kind }) => ({
    path,
    kind,
    data: canonicalJson(byKind[kind]),
  }));
  const stacks = [...contents.stacks].sort((a, b) => a.name.localeCompare(b.name));
  for (const stack of stacks) {
    parts.push({ path: stackPartPath(stack.name), kind: 'stack', data: canonicalJson(stack) });
  }
  if (contents.database !== null) {
    parts.push({ path: ARCHIVE_PATHS.database, kind: 'database', data: contents.database });
  }
  return parts;
}

/**
 * Writes `contents` as a tar.gz: `manifest.json` first (format version, counts, every part's sha256 and size,
 * limitations), then `swarm.json`, `nodes.json`, `networks.json`, `configs.json`, `secrets.json`,
 * `services.json`, `stacks/<name>.json` and `database.pgdump` when there is a dump. JSON is pretty-printed
 * with sorted keys, so the same contents always give the same bytes.
 */
export async function writeArchive(contents: ArchiveContents, meta: ArchiveMeta): Promise<WrittenArchive> {
  const parts = partsOf(contents);
  const manifest = BackupManifestSchema.parse({
    formatVersion: BACKUP_FORMAT_VERSION,
    backupId: meta.backupId,
    clusterId: meta.clusterId,
    createdAt: meta.createdAt,
    swarmopsVersion: meta.swarmopsVersion,
    stacks: meta.stacks === null ? null : [...meta.stacks],
    counts: countContents(contents),
    parts: parts.map(({ path, kind, data }) => ({
      path,
      kind,
      sha256: sha256Hex(data),
      sizeBytes: data.length,
    })),
    limitations: [...LIMITATIONS],
  } satisfies BackupManifest);
  const entries: TarEntry[] = [
    { path: ARCHIVE_PATHS.manifest, data: canonicalJson(manifest) },
    ...parts.map(({ path, data }) => ({ path, data })),
  ];
  const bytes = await packTarGz(entries, new Date(meta.createdAt));
  return { bytes, manifest };
}
