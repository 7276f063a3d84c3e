// bench/inventory: at 200 services (replicas 0), a cold and a no-change full reconcile, and
// services.list over NATS against the same list from the Engine API and from `docker service ls`.
// Run: . .swarmops/env && pnpm --filter @swarmops/bench inventory
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect } from '@nats-io/transport-node';
import { request } from '@swarmops/bus';
import { InventoryRpc } from '@swarmops/contracts';
import { createDockerClient } from '@swarmops/docker';
import { createLogger } from '@swarmops/runtime';
import { Registry } from 'prom-client';
import { createInventoryReader } from '../../apps/inventory/src/adapters/inventory-reader.js';
import { createInventoryMetrics } from '../../apps/inventory/src/metrics.js';
import { createInventorySync } from '../../apps/inventory/src/sync/index.js';
import {
  ensureTestImage,
  pgFixture,
  removeLabeled,
  startInventoryProcess,
  stopProcess,
  TEST_LABEL,
  uniqueName,
} from './harness.js';
import { summary, timeRuns } from './stats.js';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 200);
const N = Number(process.env.BENCH_N ?? 500);
const CLI_N = Number(process.env.BENCH_CLI_N ?? 30);
const run = promisify(execFile);
const log = (line: string) => process.stdout.write(`${line}\n`);

const docker = createDockerClient();
const image = await ensureTestImage(docker);
const scope = uniqueName('bench-inv');
const label = `${TEST_LABEL}=${scope}`;
const db = await pgFixture();
const port = Number(process.env.BENCH_HTTP_PORT ?? 17071);
const nc = await connect({
  servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
  name: 'bench-inventory',
});
let inventory: Awaited<ReturnType<typeof startInventoryProcess>> | undefined;

try {
  const createdAt = performance.now();
  for (let i = 0; i < SERVICES; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, SERVICES - i) }, () =>
        docker.createService({
          Name: uniqueName('bench-inv'),
          Labels: { [TEST_LABEL]: scope },
          TaskTemplate: { ContainerSpec: { Image: image, Command: ['sleep', '3600'], Init: true } },
          Mode: { Replicated: { Replicas: 0 } },
        }),
      ),
    );
  }
  const all = await docker.listServices();
  log(
    `created ${SERVICES} services in ${Math.round(performance.now() - createdAt)} ms (${all.length} in the swarm)`,
  );

  // Reconcile in-process, through the same sync the service runs.
  const sync = createInventorySync({
    docker,
    pool: db.pool,
    logger: createLogger({ service: 'bench-inventory', level: 'warn' }),
    metrics: createInventoryMetrics(new Registry()),
    resyncSeconds: 3600,
    taskPollSeconds: 3600,
    debounceMs: 100,
    now: () => new Date(),
  });
  const cold = await timeRuns(1, 0, () => sync.reconcileNow());
  const warm = await timeRuns(10, 1, () => sync.reconcileNow());
  const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
  log('');
  log(
    `full reconcile, cold (empty database): ${(cold[0] ?? NaN).toFixed(1)} ms  (${rows[0]?.n} outbox events)`,
  );
  log(`full reconcile, no change:             ${summary(warm).text}`);
  await sync.stop();

  // services.list over NATS from the real process, against the Engine API and the CLI.
  inventory = await startInventoryProcess(db.url, port);
  const natsLabelled = summary(
    await timeRuns(N, 50, () => request(nc, InventoryRpc.servicesList, { label, limit: SERVICES })),
  );
  const natsDefault = summary(await timeRuns(N, 50, () => request(nc, InventoryRpc.servicesList, {})));
  const reader = createInventoryReader({ pool: db.pool });
  const sqlOnly = summary(await timeRuns(N, 50, () => reader.listServices({ label, limit: SERVICES })));
  const filters = JSON.stringify({ label: [label] });
  const engine = summary(await timeRuns(N, 20, () => docker.listServices({ filters })));
  const engineAll = summary(await timeRuns(N, 20, () => docker.listServices()));
  const cli = summary(
    await timeRuns(CLI_N, 2, () => run('docker', ['service', 'ls', '--filter', `label=${label}`])),
  );

  log('');
  log(`services.list over NATS, ${SERVICES} labelled (limit ${SERVICES}): ${natsLabelled.text}`);
  log(`services.list over NATS, default page (limit 100):   ${natsDefault.text}`);
  log(`  of which the PostgreSQL query (in-process reader):  ${sqlOnly.text}`);
  log(`Engine API listServices, label filter:               ${engine.text}`);
  log(`Engine API listServices, all:                        ${engineAll.text}`);
  log(`docker service ls --filter label:                    ${cli.text}`);
  log('');
  const ratio = (a: number, b: number) => (a / b).toFixed(3);
  log(
    `ratio NATS / Engine API (labelled ${SERVICES}): p50 ${ratio(natsLabelled.p50, engine.p50)}  p99 ${ratio(natsLabelled.p99, engine.p99)}`,
  );
  log(
    `ratio NATS / docker service ls:           p50 ${ratio(natsLabelled.p50, cli.p50)}  p99 ${ratio(natsLabelled.p99, cli.p99)}`,
  );
  log(
    `ratio NATS default page / Engine API all: p50 ${ratio(natsDefault.p50, engineAll.p50)}  p99 ${ratio(natsDefault.p99, engineAll.p99)}`,
  );
} finally {
  if (inventory) await stopProcess(inventory);
  await removeLabeled(docker, scope, 60_000);
  await nc.drain();
  await db.cleanup();
}
