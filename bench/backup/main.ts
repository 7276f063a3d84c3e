// bench/backup: `backup_configs` (BackupRpc.create, wait) and `verify_backup` (BackupRpc.verify: decrypt, check,
// capture the live cluster, plan the restore) over NATS from the real backup process, on a swarm with 200 extra
// services, against the docker CLI doing the same reads and packing them with the `tar` CLI, measured in the
// same run. Goals: backup <= 10 s, plan <= 2 s.
// Run: . .swarmops/env && pnpm --filter @swarmops/backup build && pnpm --filter @swarmops/bench backup
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { request } from '@swarmops/bus';
import { BackupRpc } from '@swarmops/contracts';
import type { BackupSummary, VerifyResult } from '@swarmops/contracts';
import { createDockerClient } from '@swarmops/docker';
import { quantile } from '../inventory/stats.js';
import { cliBaseline } from './baseline.js';
import { createBenchCluster } from './cluster.js';
import {
  ensureTestImage,
  pgFixture,
  removeLabeled,
  startApp,
  startPrivateNats,
  uniqueName,
} from './harness.js';
import type { BenchProcess } from './harness.js';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 200);
const STACKS = Number(process.env.BENCH_STACKS ?? 4);
const PER_STACK = Number(process.env.BENCH_PER_STACK ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
// BENCH_ENCRYPT=0 writes unencrypted archives (default: AES-256-GCM with a random key, as recommended).
const ENCRYPT = process.env.BENCH_ENCRYPT !== '0';
const GOAL_BACKUP_MS = 10_000;
const GOAL_PLAN_MS = 2_000;
const log = (line: string) => process.stdout.write(`${line}\n`);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const docker = createDockerClient({ timeoutMs: 60_000 });
const image = await ensureTestImage(docker);
const scope = uniqueName('bench-backup');
const backupDir = await mkdtemp(join(tmpdir(), 'bench-backup-store-'));
const nats = await startPrivateNats();
const db = await pgFixture();
let app: BenchProcess | undefined;
let nc: NatsConnection | undefined;

try {
  const t0 = performance.now();
  const made = await createBenchCluster(docker, {
    image,
    scope,
    services: SERVICES,
    stacks: STACKS,
    perStack: PER_STACK,
  });
  const inSwarm = (await docker.listServices()).length;
  log(
    `created ${made.serviceIds.length} services at replicas 0 (${STACKS} stacks x ${PER_STACK} with a network, ` +
      `a config and a secret each, the rest standalone) in ${Math.round(performance.now() - t0)} ms; ` +
      `${inSwarm} services in the swarm`,
  );

  app = await startApp({
    app: 'backup',
    env: {
      NATS_URL: nats.url,
      DATABASE_URL: db.url,
      BACKUP_DIR: backupDir,
      BACKUP_KEEP_LAST: '1000', // no pruning between runs
      ...(ENCRYPT ? { BACKUP_ENCRYPTION_KEY: randomBytes(32).toString('base64') } : {}),
    },
  });
  const client = await connect({ servers: nats.url, name: 'bench-backup' });
  nc = client;

  let summary: BackupSummary | undefined;
  let verified: VerifyResult | undefined;
  const create = async () => {
    summary = await request(client, BackupRpc.create, { wait: true }, { timeoutMs: 300_000 });
  };
  const verify = async () => {
    if (summary === undefined) throw new Error('no backup to verify yet');
    verified = await request(
      client,
      BackupRpc.verify,
      { backupId: summary.backupId },
      { timeoutMs: 300_000 },
    );
    if (!verified.valid) throw new Error(`verify says invalid: ${JSON.stringify(verified.problems)}`);
  };
  let cliBytes = 0;
  const baseline = async () => {
    cliBytes = await cliBaseline();
  };

  // Warm-up: one of each (process start-up, first connections, page cache).
  await create();
  await verify();
  await baseline();
  log(`load average before: ${load()}`);
  const samples = {
    create: [] as number[],
    verify: [] as number[],
    cli: [] as number[],
    verifyServer: [] as number[],
    createServer: [] as number[],
  };
  const timed = async (into: number[], work: () => Promise<void>) => {
    const started = performance.now();
    await work();
    into.push(performance.now() - started);
  };
  for (let r = 0; r < RUNS; r += 1) {
    // Alternate the order so drift on the shared machine hits both sides alike.
    const order = r % 2 === 0 ? ['cli', 'swarmops'] : ['swarmops', 'cli'];
    for (const side of order) {
      if (side === 'cli') await timed(samples.cli, baseline);
      else {
        await timed(samples.create, create);
        samples.createServer.push(summary?.durationMs ?? Number.NaN);
        await timed(samples.verify, verify);
        samples.verifyServer.push(verified?.durationMs ?? Number.NaN);
      }
    }
    log(
      `run ${r + 1}: create ${ms(samples.create.at(-1))} (server ${ms(samples.createServer.at(-1))})  verify ${ms(samples.verify.at(-1))} ` +
        `(server ${ms(samples.verifyServer.at(-1))})  docker CLI + tar ${ms(samples.cli.at(-1))}`,
    );
  }
  log(`load average after:  ${load()}`);

  const s = summary!;
  const plan = verified?.plan;
  log('');
  log(
    `archive: ${s.sizeBytes} bytes${s.encrypted ? ' (encrypted)' : ''}, counts ${JSON.stringify(s.counts)}; ` +
      `docker CLI tar.gz: ${cliBytes} bytes`,
  );
  log(`plan against the same cluster: ${JSON.stringify(plan?.counts)} (${plan?.items.length} items)`);
  const line = (what: string, xs: number[]) =>
    `${what.padEnd(58)} p50 ${ms(quantile(xs, 0.5))}  max ${ms(Math.max(...xs))}  (n=${xs.length})`;
  log(line('backup_configs over NATS (BackupRpc.create, wait: true):', samples.create));
  log(line('  of which the service measured (BackupSummary.durationMs):', samples.createServer));
  log(line('verify_backup over NATS (BackupRpc.verify: check + plan):', samples.verify));
  log(line('  of which the service measured (VerifyResult.durationMs):', samples.verifyServer));
  log(line('baseline: docker CLI ls + inspect of every kind, tar czf:', samples.cli));
  const ratio = (a: number[], b: number[]) =>
    `p50 ${(quantile(a, 0.5) / quantile(b, 0.5)).toFixed(3)}  max ${(Math.max(...a) / Math.max(...b)).toFixed(3)}`;
  log(`ratio backup / docker CLI baseline: ${ratio(samples.create, samples.cli)}`);
  log(`ratio verify / docker CLI baseline: ${ratio(samples.verify, samples.cli)}`);
  const goal = (what: string, xs: number[], limit: number) =>
    `goal ${what} <= ${limit / 1000} s: ${Math.max(...xs) <= limit ? 'met' : 'NOT met'} (max ${ms(Math.max(...xs))})`;
  log(goal('backup', samples.create, GOAL_BACKUP_MS));
  log(goal('plan', samples.verify, GOAL_PLAN_MS));
} catch (err) {
  if (app !== undefined) log(`--- backup log tail ---\n${app.output().slice(-4000)}`);
  throw err;
} finally {
  await nc?.drain();
  await app?.stop();
  await removeLabeled(docker, scope, 120_000);
  await db.cleanup();
  await nats.stop();
  await rm(backupDir, { recursive: true, force: true });
}

function ms(value: number | undefined): string {
  return value === undefined || Number.isNaN(value) ? '    n/a' : `${value.toFixed(0).padStart(6)} ms`;
}
