import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { ensureStream, eventsStreamConfig, request, serve, silentLogger } from '@swarmops/bus';
import { BackupRpc, isAppError } from '@swarmops/contracts';
import {
  ensureTestImage,
  pgFixture,
  requireDocker,
  startPrivateNats,
  TEST_IMAGE,
  withDockerCleanup,
} from '@swarmops/testkit';
import type { PgFixture, PrivateNats } from '@swarmops/testkit';
import type Docker from 'dockerode';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalStore } from './archive/local-store.js';
import { createBackupCore } from './backup-core.js';
import { STACK_LABEL } from './domain/cluster-state.js';
import { createBackupMetrics } from './metrics.js';

let docker: Docker;
let pg: PgFixture;
let nats: PrivateNats;
let nc: NatsConnection;
let dir: string;

beforeAll(async () => {
  docker = await requireDocker();
  await ensureTestImage(docker);
  pg = await pgFixture();
  nats = await startPrivateNats();
  nc = await connect({ servers: nats.url });
  await ensureStream(await jetstreamManager(nc), eventsStreamConfig());
  dir = await mkdtemp(join(tmpdir(), 'backup-core-'));
});

afterAll(async () => {
  await nc?.drain();
  await nats?.stop();
  await pg?.cleanup();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

/** A backup service in this process on the private NATS, with the real modules and this test's store dir. */
async function startCore(key?: Buffer<ArrayBuffer>) {
  const registry = new Registry();
  const core = createBackupCore({
    config: {
      DATABASE_URL: pg.url,
      BACKUP_ENCRYPTION_KEY: key,
      BACKUP_KEEP_LAST: 50,
      BACKUP_KEEP_DAILY: 0,
      BACKUP_KEEP_WEEKLY: 0,
      BACKUP_PG_DUMP: undefined,
    },
    nc,
    js: jetstream(nc),
    pool: pg.pool,
    docker,
    store: createLocalStore(dir),
    readSecrets: () => Promise.resolve(new Map()),
    metrics: createBackupMetrics(registry),
    swarmopsVersion: '0.1.0-test',
    logger: silentLogger,
  });
  const service = await serve(nc, { name: 'backup', version: '0.1.0', logger: silentLogger }, core.handlers);
  return { core, registry, stop: () => service.stop() };
}

/** One stack of the test's own: an overlay network, a config and a service at 0 replicas. */
async function createStack(labels: Record<string, string>, stack: string): Promise<void> {
  const stackLabels = { ...labels, [STACK_LABEL]: stack };
  const net = await docker.createNetwork({
    Name: `${stack}_default`,
    Driver: 'overlay',
    Attachable: true,
    Labels: stackLabels,
  });
  await docker.createConfig({
    Name: `${stack}_conf`,
    Labels: stackLabels,
    Data: Buffer.from('listen 80\n').toString('base64'),
  });
  await docker.createService({
    Name: `${stack}_web`,
    Labels: stackLabels,
    TaskTemplate: {
      ContainerSpec: { Image: TEST_IMAGE, Command: ['sleep', '3600'], Labels: stackLabels },
      Networks: [{ Target: net.id }],
    },
    Mode: { Replicated: { Replicas: 0 } },
  });
}

async function collect(subject: string, into: string[]): Promise<() => void> {
  const sub = nc.subscribe(subject);
  void (async () => {
    for await (const m of sub) into.push(m.subject);
  })();
  await nc.flush();
  return () => sub.unsubscribe();
}

describe('backup service core over NATS, PostgreSQL and the real swarm', () => {
  it('backs up a stack, lists and gets it, verifies it with an unchanged plan, dry-runs a restore, and refuses a damaged copy', async () => {
    await withDockerCleanup(docker, async ({ labels, name }) => {
      const stack = name('bk');
      await createStack(labels, stack);
      const { core, registry, stop } = await startCore();
      const seen: string[] = [];
      const unsubscribe = await collect('swarmops.events.backup.>', seen);
      try {
        const summary = await request(
          nc,
          BackupRpc.create,
          { stacks: [stack], requestedBy: 'tester' },
          { timeoutMs: 120_000 },
        );
        expect(summary.stacks).toEqual([stack]);
        expect(summary.counts).toMatchObject({ stacks: 1, services: 1, networks: 1, configs: 1 });
        expect(summary.encrypted).toBe(false);
        expect(summary.requestedBy).toBe('tester');
        expect(summary.location.startsWith(dir)).toBe(true);
        expect((await readFile(summary.location)).length).toBe(summary.sizeBytes);
        const row = await pg.pool.query<{ status: string }>('SELECT status FROM backups WHERE id = $1', [
          summary.backupId,
        ]);
        expect(row.rows[0]?.status).toBe('succeeded');
        const outbox = await pg.pool.query<{ type: string }>(
          "SELECT type FROM outbox WHERE payload->'data'->>'backupId' = $1 ORDER BY created_at, type",
          [summary.backupId],
        );
        expect(outbox.rows.map((r) => r.type).sort()).toEqual(['backup.started', 'backup.succeeded']);
        expect(seen.filter((s) => s === 'swarmops.events.backup.progress')).toHaveLength(5);

        const list = await request(nc, BackupRpc.list, {});
        expect(list.items.map((s) => s.backupId)).toContain(summary.backupId);
        expect(await request(nc, BackupRpc.get, { backupId: summary.backupId })).toEqual(summary);

        const verified = await request(
          nc,
          BackupRpc.verify,
          { backupId: summary.backupId },
          { timeoutMs: 60_000 },
        );
        expect(verified.problems).toEqual([]);
        expect(verified.valid).toBe(true);
        expect(verified.manifest?.backupId).toBe(summary.backupId);
        const mine = verified.plan?.items.filter((i) => i.stack === stack) ?? [];
        expect(mine.map((i) => `${i.kind} ${i.name} ${i.action}`).sort()).toEqual(
          [
            `config ${stack}_conf unchanged`,
            `network ${stack}_default unchanged`,
            `service ${stack}_web unchanged`,
          ].sort(),
        );

        const dry = await request(
          nc,
          BackupRpc.restore,
          { backupId: summary.backupId, dryRun: true },
          { timeoutMs: 60_000 },
        );
        expect(dry.status).toBe('planned');
        expect(dry.deploymentIds).toEqual([]);

        // A copy with one byte flipped: verify says so, restore refuses and records nothing.
        const bytes = await readFile(summary.location);
        const at = Math.floor(bytes.length / 2);
        bytes[at] = (bytes[at] ?? 0) ^ 0xff;
        const damagedId = summary.backupId.replace(/-[0-9a-f]{8}$/, '-0badf00d');
        await writeFile(join(dir, `${damagedId}.tar.gz`), bytes);
        const sidecar = JSON.parse(await readFile(join(dir, `${summary.backupId}.json`), 'utf8')) as Record<
          string,
          unknown
        >;
        await writeFile(join(dir, `${damagedId}.json`), JSON.stringify({ ...sidecar, backupId: damagedId }));
        const bad = await request(nc, BackupRpc.verify, { backupId: damagedId }, { timeoutMs: 60_000 });
        expect(bad.valid).toBe(false);
        expect(bad.plan).toBeNull();
        expect(bad.problems.length).toBeGreaterThan(0);
        const refused = await request(
          nc,
          BackupRpc.restore,
          { backupId: damagedId },
          { timeoutMs: 60_000 },
        ).catch((e: unknown) => e);
        expect(isAppError(refused) && refused.code).toBe('INVALID_REQUEST');
        expect(String(refused)).toMatch(/not a valid archive, nothing was restored/);
        const restores = await pg.pool.query('SELECT id FROM restores WHERE backup_id = $1', [damagedId]);
        expect(restores.rowCount).toBe(0);

        const metrics = await registry.metrics();
        expect(metrics).toMatch(/backup_runs_total\{kind="backup",status="succeeded"\} 1/);
        // Restore verifies first, so the refused restore counts as a second invalid verify.
        expect(metrics).toMatch(/backup_runs_total\{kind="verify",status="invalid"\} 2/);
        expect(metrics).toMatch(/backup_last_success_timestamp_seconds [1-9]/);
      } finally {
        unsubscribe();
        await core.backups.settled();
        await stop();
      }
    });
  });

  it('encrypts with the key, and verify with another key reports decrypt-failed', async () => {
    await withDockerCleanup(docker, async ({ labels, name }) => {
      const stack = name('bke');
      await createStack(labels, stack);
      const first = await startCore(Buffer.alloc(32, 1));
      let backupId: string;
      try {
        const summary = await request(nc, BackupRpc.create, { stacks: [stack] }, { timeoutMs: 120_000 });
        expect(summary.encrypted).toBe(true);
        expect(summary.location.endsWith('.tar.gz.enc')).toBe(true);
        expect((await readFile(summary.location)).subarray(0, 8).toString()).toBe('SWOPSBK1');
        const ok = await request(nc, BackupRpc.verify, { backupId: summary.backupId }, { timeoutMs: 60_000 });
        expect(ok.valid).toBe(true);
        backupId = summary.backupId;
      } finally {
        await first.stop();
      }
      const second = await startCore(Buffer.alloc(32, 2));
      try {
        const bad = await request(nc, BackupRpc.verify, { backupId }, { timeoutMs: 60_000 });
        expect(bad.valid).toBe(false);
        expect(bad.problems.map((p) => p.code)).toEqual(['decrypt-failed']);
        expect(bad.problems[0]?.message).toMatch(/BACKUP_ENCRYPTION_KEY/);
      } finally {
        await second.stop();
      }
      expect((await readdir(dir)).some((f) => f.startsWith(backupId))).toBe(true);
    });
  });

  it('answers NOT_FOUND for a backup the store does not hold, and refuses a bad cursor', async () => {
    const { stop } = await startCore();
    try {
      const missing = await request(nc, BackupRpc.get, { backupId: '20200101T000000Z-00000000' }).catch(
        (e: unknown) => e,
      );
      expect(isAppError(missing) && missing.code).toBe('NOT_FOUND');
      const cursor = await request(nc, BackupRpc.list, { cursor: 'x' }).catch((e: unknown) => e);
      expect(isAppError(cursor) && cursor.code).toBe('INVALID_REQUEST');
    } finally {
      await stop();
    }
  });
});
