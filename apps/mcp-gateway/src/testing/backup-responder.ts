import { createHash, randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/nats-core';
import { endpoint, serve } from '@swarmops/bus';
import type { RpcEndpoint } from '@swarmops/bus';
import {
  AppError,
  BackupEventType,
  BackupRpc,
  ErrorCode,
  createEvent,
  eventSubject,
} from '@swarmops/contracts';
import type { BackupEventData, BackupSummary, RestorePlan, VerifyResult } from '@swarmops/contracts';

/** Progress steps the stand-in reports for every waiting create and restore. */
export const BACKUP_STAND_IN_STEPS = 3;
/** A backup id the stand-in answers as damaged (a flipped byte in services.json). */
export const DAMAGED_BACKUP_ID = '20261127T000000Z-deadbeef';

function plan(backupId: string, stacks: string[] | null, services: string[] | null): RestorePlan {
  return {
    backupId,
    sourceClusterId: 'cluster-a',
    targetClusterId: 'cluster-a',
    stacks,
    services,
    items: [
      { kind: 'network', name: 'shop_default', stack: 'shop', action: 'create' },
      { kind: 'service', name: 'shop_api', stack: 'shop', action: 'create' },
      {
        kind: 'service',
        name: 'shop_web',
        stack: 'shop',
        action: 'update',
        changes: [{ path: 'TaskTemplate.ContainerSpec.Image', old: 'busybox:1', new: 'busybox:2' }],
      },
      {
        kind: 'secret',
        name: 'shop_db',
        stack: 'shop',
        action: 'skip',
        reason: 'no value for secret shop_db: add it to BACKUP_SECRETS_FILE (see docs/backup.md)',
      },
      { kind: 'service', name: 'lone', stack: null, action: 'unchanged' },
    ],
    counts: { create: 2, update: 1, unchanged: 1, skip: 1 },
  };
}

/**
 * A real NATS micro service answering every BackupRpc contract for the gateway's tests (the real
 * backup service is test/e2e's): backups are kept in memory; a waiting create or restore publishes
 * progress events for its id (interleaved with another id's) before it replies; verify answers a
 * canned plan, and {@link DAMAGED_BACKUP_ID} as invalid. It changes nothing anywhere.
 */
export async function serveBackupStandIn(nc: NatsConnection) {
  const requests = new Map<string, unknown[]>();
  const record = (subject: string, req: unknown) =>
    requests.set(subject, [...(requests.get(subject) ?? []), req]);
  const backups: BackupSummary[] = [];
  const publish = (type: BackupEventType, data: BackupEventData) => {
    const event = createEvent(
      { newId: randomUUID, now: () => new Date() },
      { type, source: 'backup-stand-in', clusterId: 'test', data },
    );
    nc.publish(eventSubject(type), JSON.stringify(event));
  };
  const progress = (type: BackupEventType, backupId: string, restoreId: string | null) => {
    for (let i = 1; i <= BACKUP_STAND_IN_STEPS; i++) {
      const data = { backupId, restoreId, total: BACKUP_STAND_IN_STEPS, error: null };
      publish(type, { ...data, backupId: '20200101T000000Z-00000000', step: 'other', done: i, message: '' });
      publish(type, {
        ...data,
        step: `step ${i}`,
        done: i,
        message: `step ${i} of ${BACKUP_STAND_IN_STEPS}`,
      });
    }
  };
  const verify = (backupId: string, stacks?: string[], services?: string[]): VerifyResult => {
    const damaged = backupId === DAMAGED_BACKUP_ID;
    return {
      backupId,
      valid: !damaged,
      problems: damaged
        ? [{ code: 'checksum-mismatch', part: 'services.json', message: 'sha256 differs from the manifest' }]
        : [],
      plan: damaged ? null : plan(backupId, stacks ?? null, services ?? null),
      manifest: null,
      verifiedAt: new Date().toISOString(),
      durationMs: 4,
    };
  };
  const endpoints: RpcEndpoint[] = [
    endpoint(BackupRpc.create, async (req) => {
      record(BackupRpc.create.subject, req);
      const backupId = req.backupId ?? `20261127T120000Z-${randomUUID().slice(0, 8)}`;
      if (req.wait) progress(BackupEventType.progress, backupId, null);
      await new Promise((r) => setTimeout(r, 20));
      const summary: BackupSummary = {
        backupId,
        createdAt: new Date().toISOString(),
        location: `/var/backups/${backupId}.tar.gz`,
        sizeBytes: 2048,
        sha256: createHash('sha256').update(backupId).digest('hex'),
        counts: { stacks: 1, services: 2, networks: 1, configs: 1, secrets: 1, nodes: 1, stackVersions: 2 },
        clusterId: 'cluster-a',
        encrypted: false,
        stacks: req.stacks ?? null,
        trigger: req.trigger,
        swarmopsVersion: '0.1.0',
        durationMs: 20,
        requestedBy: req.requestedBy ?? null,
      };
      backups.unshift(summary);
      return summary;
    }),
    endpoint(BackupRpc.list, (req) => {
      record(BackupRpc.list.subject, req);
      return { items: backups.slice(0, req.limit), nextCursor: null };
    }),
    endpoint(BackupRpc.get, (req) => {
      record(BackupRpc.get.subject, req);
      const found = backups.find((b) => b.backupId === req.backupId);
      if (found === undefined) throw new AppError(ErrorCode.NOT_FOUND, `backup ${req.backupId} not found`);
      return found;
    }),
    endpoint(BackupRpc.verify, (req) => {
      record(BackupRpc.verify.subject, req);
      return verify(req.backupId, req.stacks, req.services);
    }),
    endpoint(BackupRpc.restore, async (req) => {
      record(BackupRpc.restore.subject, req);
      const verified = verify(req.backupId, req.stacks, req.services);
      if (verified.plan === null) {
        throw new AppError(ErrorCode.INVALID_REQUEST, `backup ${req.backupId} is not valid`, {
          details: { problems: verified.problems },
        });
      }
      const restoreId = req.restoreId ?? randomUUID();
      if (req.wait && !req.dryRun) progress(BackupEventType.restoreProgress, req.backupId, restoreId);
      await new Promise((r) => setTimeout(r, 20));
      const applied = verified.plan.items.map((i) => ({
        kind: i.kind,
        name: i.name,
        outcome: ({ create: 'created', update: 'updated', unchanged: 'unchanged', skip: 'skipped' } as const)[
          i.action
        ],
      }));
      return {
        restoreId,
        backupId: req.backupId,
        status: req.dryRun ? ('planned' as const) : ('succeeded' as const),
        plan: verified.plan,
        deploymentIds: req.dryRun ? [] : [randomUUID()],
        applied: req.dryRun ? [] : applied,
        error: null,
        startedAt: new Date().toISOString(),
        finishedAt: new Date().toISOString(),
      };
    }),
  ];
  const service = await serve(nc, { name: 'backup-test', version: '0.0.0' }, endpoints);
  return {
    /** The validated requests a subject received, oldest first. */
    requests: (subject: string) => requests.get(subject) ?? [],
    stop: () => service.stop(),
  };
}
export type BackupStandIn = Awaited<ReturnType<typeof serveBackupStandIn>>;
