import { AppError, ErrorCode } from '@swarmops/contracts';
import type { VerifyResult } from '@swarmops/contracts';
import type { ClusterState } from './domain/cluster-state.js';
import type { BackupMetrics } from './metrics.js';
import type { ArchiveCodec, ArchiveStore, CaptureCluster, ReadSecretValues, RestoreSteps } from './ports.js';

/** A validated `backup.verify` request (restore's filters included). */
export interface VerifyRequest {
  backupId: string;
  stacks?: string[] | undefined;
  services?: string[] | undefined;
}

/** What verify (and restore, which verifies first) read. */
export interface VerifyDeps {
  store: Pick<ArchiveStore, 'get'>;
  codec: Pick<ArchiveCodec, 'read'>;
  capture: CaptureCluster;
  readSecrets: ReadSecretValues;
  plan: RestoreSteps['plan'];
  metrics: BackupMetrics;
  now: () => Date;
}

/** A verified archive: the reply, and for a valid one its contents and the secret values restore needs. */
export interface Inspection {
  result: VerifyResult;
  archive: ClusterState | null;
  secretValues: Map<string, Buffer>;
}

/**
 * Reads an archive back: decrypts, checks every checksum and part and validates every spec (the archive
 * module), and for a valid archive captures the live cluster and plans the restore against it.
 * @throws AppError NOT_FOUND when the store has no such archive.
 */
export async function inspectBackup(deps: VerifyDeps, request: VerifyRequest): Promise<Inspection> {
  const started = deps.now();
  const bytes = await deps.store.get(request.backupId);
  if (bytes === null) {
    throw new AppError(ErrorCode.NOT_FOUND, `backup ${request.backupId} not found in the store`, {
      details: { kind: 'backup', id: request.backupId },
    });
  }
  const read = await deps.codec.read(bytes);
  const valid = read.problems.length === 0 && read.contents !== null;
  let secretValues = new Map<string, Buffer>();
  let plan: VerifyResult['plan'] = null;
  if (valid && read.contents !== null) {
    const [live, secrets] = await Promise.all([deps.capture(null), deps.readSecrets()]);
    secretValues = secrets;
    plan = deps.plan({
      archive: read.contents,
      live,
      backupId: request.backupId,
      filters: { stacks: request.stacks ?? null, services: request.services ?? null },
      secretValues: new Set(secrets.keys()),
    });
  }
  const finished = deps.now();
  const seconds = (finished.getTime() - started.getTime()) / 1000;
  deps.metrics.observeRun('verify', valid ? 'succeeded' : 'invalid', seconds);
  return {
    result: {
      backupId: request.backupId,
      valid,
      problems: read.problems,
      plan,
      manifest: read.manifest,
      verifiedAt: finished.toISOString(),
      durationMs: Math.max(0, Math.round(finished.getTime() - started.getTime())),
    },
    archive: valid ? read.contents : null,
    secretValues,
  };
}

/** The refusal of a restore from an archive verify found problems in; nothing has been changed. */
export function invalidArchiveError(result: VerifyResult): AppError {
  const list = result.problems.map((p) => `${p.code}${p.part === null ? '' : ` (${p.part})`}: ${p.message}`);
  return new AppError(
    ErrorCode.INVALID_REQUEST,
    `backup ${result.backupId} is not a valid archive, nothing was restored: ${list.join('; ')}`,
    { details: { backupId: result.backupId, problems: result.problems } },
  );
}
