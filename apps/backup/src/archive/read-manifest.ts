import type { BackupManifest, BackupProblem } from '@swarmops/contracts';
import { BACKUP_FORMAT_VERSION, BackupManifestSchema } from '@swarmops/contracts';
import { ARCHIVE_PATHS } from '../domain/cluster-state.js';
import { kindOfPath, REQUIRED_PARTS } from './archive-layout.js';
import { issueProblems, problem } from './problems.js';

const PART = ARCHIVE_PATHS.manifest;

function layoutProblems(manifest: BackupManifest): BackupProblem[] {
  const problems: BackupProblem[] = [];
  const seen = new Set<string>();
  manifest.parts.forEach((part, index) => {
    const where = `${PART}.parts[${index}]`;
    if (seen.has(part.path))
      problems.push(problem('invalid-manifest', PART, `${where}: ${part.path} is listed twice`));
    seen.add(part.path);
    const kind = kindOfPath(part.path);
    if (kind === null) {
      problems.push(
        problem('invalid-manifest', PART, `${where}: ${part.path} is not a part of the archive layout`),
      );
    } else if (kind !== part.kind) {
      problems.push(
        problem('invalid-manifest', PART, `${where}: ${part.path} must have kind ${kind}, not ${part.kind}`),
      );
    }
  });
  for (const required of REQUIRED_PARTS) {
    if (!seen.has(required.path)) {
      problems.push(problem('missing-part', required.path, `the manifest does not list ${required.path}`));
    }
  }
  return problems;
}

/**
 * Parses `manifest.json`: the format version first (a newer archive is refused as such, not as invalid),
 * then the schema, then the layout (known paths with the right kinds, each once, every required part).
 * `manifest` is null when it cannot be used at all.
 */
export function readManifest(data: Buffer | undefined): {
  manifest: BackupManifest | null;
  problems: BackupProblem[];
} {
  if (data === undefined) {
    return { manifest: null, problems: [problem('missing-part', PART, `the archive has no ${PART}`)] };
  }
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch (error) {
    return {
      manifest: null,
      problems: [problem('invalid-manifest', PART, `${PART}: not valid JSON (${String(error)})`)],
    };
  }
  const version =
    typeof json === 'object' && json !== null
      ? (json as { formatVersion?: unknown }).formatVersion
      : undefined;
  if (typeof version === 'number' && version !== BACKUP_FORMAT_VERSION) {
    const message = `archive format version ${version} is not supported: this Swarmops reads version ${BACKUP_FORMAT_VERSION}`;
    return { manifest: null, problems: [problem('format-version', PART, message)] };
  }
  const parsed = BackupManifestSchema.safeParse(json);
  if (!parsed.success)
    return { manifest: null, problems: issueProblems('invalid-manifest', PART, parsed.error) };
  return { manifest: parsed.data, problems: layoutProblems(parsed.data) };
}
