// bench/health: `execute_health_check` (HealthRpc.checkRun, scope cluster) on a swarm with 100 extra
// services, against what a person types to look at the same thing: `docker service ls` + `docker node ls`
// + `docker service ps <the 100 services>`, measured in the same run.
// Also through the MCP gateway (`execute_health_check` with an SDK client), and a service-scoped run to show
// what the check-state transaction of a cluster run costs.
// Run: . .swarmops/env && pnpm --filter @swarmops/inventory --filter @swarmops/health --filter @swarmops/mcp-gateway build
//      pnpm --filter @swarmops/bench health
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { request } from '@swarmops/bus';
import { HealthRpc, InventoryRpc } from '@swarmops/contracts';
import type { HealthReport } from '@swarmops/contracts';
import { createDockerClient } from '@swarmops/docker';
import { summary } from '../inventory/stats.js';
import { startGateway } from './gateway.js';
import type { BenchGateway } from './gateway.js';
import {
  ensureTestImage,
  pgFixture,
  removeLabeled,
  startApp,
  startPrivateNats,
  TEST_LABEL,
  uniqueName,
  waitFor,
} from './harness.js';
import type { BenchProcess } from './harness.js';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 100);
const N = Number(process.env.BENCH_N ?? 200);
const CLI_N = Number(process.env.BENCH_CLI_N ?? 50);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
// BENCH_GATEWAY=0 skips the MCP side (it needs a built apps/mcp-gateway).
const GATEWAY = process.env.BENCH_GATEWAY !== '0';
const BLOCKS = 5; // the two sides alternate in blocks, so drift on the shared machine hits both
const run = promisify(execFile);
const log = (line: string) => process.stdout.write(`${line}\n`);

const docker = createDockerClient({ timeoutMs: 60_000 });
const image = await ensureTestImage(docker);
const scope = uniqueName('bench-health');
const label = `${TEST_LABEL}=${scope}`;
const nats = await startPrivateNats();
const db = await pgFixture();
const apps: BenchProcess[] = [];
let nc: NatsConnection | undefined;
let gateway: BenchGateway | undefined;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** One run of the baseline: the three CLI listings one after the other. */
async function cliBaseline(ids: string[]): Promise<void> {
  await run('docker', ['service', 'ls']);
  await run('docker', ['node', 'ls']);
  await run('docker', ['service', 'ps', ...ids], { maxBuffer: 16 * 1024 * 1024 });
}

try {
  const createdAt = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < SERVICES; i += 10) {
    const batch = await Promise.all(
      Array.from(
        { length: Math.min(10, SERVICES - i) },
        (_, k) =>
          docker.createService({
            Name: uniqueName('bench-health'),
            Labels: { [TEST_LABEL]: scope },
            TaskTemplate: {
              ContainerSpec: { Image: image, Command: ['sleep', '3600'], Init: true, StopGracePeriod: 1e9 },
              Resources: { Limits: { MemoryBytes: 16 * 1024 * 1024 } },
            },
            Mode: { Replicated: { Replicas: (i + k) % 2 } },
          }) as Promise<{ id?: string; ID?: string }>,
      ),
    );
    ids.push(...batch.map((s) => s.id ?? s.ID ?? ''));
  }
  const wanted = Math.floor(SERVICES / 2);
  const mine = new Set(ids);
  await waitFor(`${wanted} running tasks`, async () => {
    const tasks = (await docker.listTasks({
      filters: JSON.stringify({ 'desired-state': ['running'] }),
    })) as { ServiceID?: string; Status?: { State?: string } }[];
    const running = tasks.filter((t) => mine.has(t.ServiceID ?? '') && t.Status?.State === 'running');
    return running.length >= wanted ? running.length : undefined;
  });
  const inSwarm = (await docker.listServices()).length;
  const nodes = (await docker.listNodes()).length;
  log(
    `created ${SERVICES} services (${wanted} with one running task) in ${Math.round(performance.now() - createdAt)} ms; ` +
      `${inSwarm} services and ${nodes} node(s) in the swarm`,
  );

  const common = { NATS_URL: nats.url, DATABASE_URL: db.url };
  apps.push(await startApp({ app: 'inventory', env: common }));
  apps.push(
    await startApp({
      app: 'health',
      // Only on-demand runs during the bench: a long interval keeps the timer out of the samples.
      env: { ...common, HEALTH_INTERVAL_SECONDS: '3600', HEALTH_PLATFORM_SERVICES: 'inventory' },
    }),
  );
  const client = await connect({ servers: nats.url, name: 'bench-health' });
  nc = client;
  await waitFor('inventory to list the bench services', async () => {
    const page = await request(client, InventoryRpc.servicesList, { label, limit: SERVICES });
    return page.items.length === SERVICES ? true : undefined;
  });

  if (GATEWAY) gateway = await startGateway(nats.url, db.url, db.pool);

  let last: HealthReport | undefined;
  const checkRun = async () => {
    last = await request(client, HealthRpc.checkRun, { scope: 'cluster' }, { timeoutMs: 30_000 });
  };
  // A service-scoped run reads the same snapshot and stores its report, without the check-state transaction.
  const target = (await docker.getService(ids[0]!).inspect()) as { Spec: { Name: string } };
  const scopedRun = () =>
    request(
      client,
      HealthRpc.checkRun,
      { scope: 'service', target: target.Spec.Name },
      { timeoutMs: 30_000 },
    );
  for (let i = 0; i < WARMUP; i += 1) {
    await checkRun();
    await scopedRun();
    await gateway?.executeHealthCheck();
  }
  for (let i = 0; i < 2; i += 1) await cliBaseline(ids);
  log(`load average before: ${load()}`);

  const timed = async (samples: number[], work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    samples.push(performance.now() - t0);
  };
  const health: number[] = [];
  const serverSide: number[] = [];
  const scoped: number[] = [];
  const viaGateway: number[] = [];
  const cli: number[] = [];
  const per = (n: number) => Math.ceil(n / BLOCKS);
  for (let b = 0; b < BLOCKS; b += 1) {
    for (let i = 0; i < per(N) && health.length < N; i += 1) {
      await timed(health, checkRun);
      serverSide.push(last?.durationMs ?? Number.NaN);
    }
    for (let i = 0; i < per(CLI_N) && cli.length < CLI_N; i += 1) await timed(cli, () => cliBaseline(ids));
    for (let i = 0; i < per(N / 4) && scoped.length < N / 4; i += 1) await timed(scoped, scopedRun);
    const gw = gateway;
    if (gw !== undefined) {
      for (let i = 0; i < per(N) && viaGateway.length < N; i += 1) {
        await timed(viaGateway, () => gw.executeHealthCheck());
      }
    }
  }
  log(`load average after:  ${load()}`);

  const h = summary(health);
  const c = summary(cli);
  const report = last;
  const problems = report?.checks.filter((r) => r.status !== 'ok').map((r) => `${r.id} ${r.status}`) ?? [];
  log('');
  log(
    `last report: status ${report?.status}, ${report?.checks.length} results ` +
      `(ok ${report?.counts.ok}, warn ${report?.counts.warn}, fail ${report?.counts.fail}) ${problems.join(', ')}`,
  );
  log(`execute_health_check over NATS (HealthRpc.checkRun, cluster):   ${h.text}`);
  log(`  snapshot + analyzers (report.durationMs, before storing):     ${summary(serverSide).text}`);
  log(`  scope service (same snapshot, no check-state transaction):    ${summary(scoped).text}`);
  if (gateway !== undefined) {
    log(`execute_health_check through the MCP gateway (SDK client):      ${summary(viaGateway).text}`);
  }
  log(`docker service ls + node ls + service ps (${SERVICES} services):  ${c.text}`);
  const ratio = (a: number, b: number) => (a / b).toFixed(3);
  log(`ratio health (NATS) / CLI baseline: p50 ${ratio(h.p50, c.p50)}  p99 ${ratio(h.p99, c.p99)}`);
  if (gateway !== undefined) {
    const g = summary(viaGateway);
    log(`ratio health (MCP) / CLI baseline:  p50 ${ratio(g.p50, c.p50)}  p99 ${ratio(g.p99, c.p99)}`);
  }
  log(`goal p99 <= 300 ms (NATS): ${h.p99 <= 300 ? 'met' : 'NOT met'} (p99 ${h.p99.toFixed(1)} ms)`);
} catch (err) {
  for (const app of [...apps, ...(gateway ? [gateway.process] : [])]) {
    log(`--- ${app.name} log tail ---\n${app.output().slice(-3000)}`);
  }
  throw err;
} finally {
  await gateway?.stop();
  await nc?.drain();
  for (const app of apps.reverse()) await app.stop();
  await removeLabeled(docker, scope, 120_000);
  await db.cleanup();
  await nats.stop();
}
