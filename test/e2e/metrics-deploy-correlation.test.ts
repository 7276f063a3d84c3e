import type { Insight } from '@swarmops/contracts';
import {
  createTestDocker,
  ensureTestImage,
  removeLabeled,
  requireDocker,
  uniqueName,
} from '@swarmops/testkit';
import { afterAll, beforeAll, expect, onTestFailed, test } from 'vitest';
import { deployStack, expectSucceeded } from '../fixtures/deployer/deploy-client.js';
import { quietly } from '../fixtures/deployer/quietly.js';
import { removeStack } from '../fixtures/deployer/web-stack.js';
import { pollUntil } from '../fixtures/inventory/poll.js';
import { startMetricsEnv } from '../fixtures/metrics/metrics-env.js';
import type { MetricsEnv } from '../fixtures/metrics/metrics-env.js';
import { promValue } from '../fixtures/metrics/prom-api.js';
import { CPU_BURNER, IDLE } from '../fixtures/metrics/workloads.js';

// Acceptance of #8: a service whose usage jumps after a deploy yields a correlated insight that names the
// deployment. A stack is deployed through a real deployer (DeployerRpc.stackDeploy) with an idle service,
// Prometheus (the test's own, every 2 s) records a baseline from the real exporter, then version 2 of the same
// stack burns CPU; analyze_metrics, reading the deployer's history over NATS, names v2's deployment.

const docker = createTestDocker(undefined, 60_000);
const run = uniqueName('e2e-mc');
const stack = run;
const service = `${stack}_app`;
/** Scrapes of the idle version before v2 (2 s each): the "before" side of the comparison. */
const BASELINE_SAMPLES = 30;
let env: MetricsEnv;
let failures = 0;

beforeAll(async () => {
  await requireDocker();
  await ensureTestImage(docker);
  const t0 = Date.now();
  env = await startMetricsEnv({ name: 'e2e-metrics-correlation', deployer: true, platform: false });
  console.log(`metrics env with deployer up in ${Date.now() - t0} ms`);
}, 300_000);

afterAll(async () => {
  await quietly(removeStack(docker, stack, 120_000));
  await quietly(removeLabeled(docker, run, 120_000));
  await env?.stop({ passed: failures === 0 });
}, 300_000);

function compose(command: readonly string[]): string {
  return [
    'services:',
    '  app:',
    '    image: swarmops/busybox:test',
    `    command: ${JSON.stringify(command)}`,
    '    init: true',
    '    stop_grace_period: 1s',
    '    deploy:',
    '      replicas: 1',
    '      labels:',
    `        swarmops.test: "${run}"`,
    '',
  ].join('\n');
}

test('a CPU jump right after a deploy gives a correlation insight naming that deployment', async () => {
  onTestFailed(() => void failures++);
  const nc = env.deployer!.nc;
  const v1 = await deployStack(nc, { name: stack, compose: compose(IDLE) });
  await expectSucceeded(nc, v1.reply);
  const prom = env.prometheus.url;
  const samples = `count_over_time(swarm_service_cpu_seconds_total{service="${service}"}[5m])`;
  await pollUntil(
    `${BASELINE_SAMPLES} samples of ${service}'s idle CPU in Prometheus`,
    async () => ((await promValue(prom, samples)) ?? 0) >= BASELINE_SAMPLES || undefined,
    { maxMs: 180_000, everyMs: 2000 },
  );
  const idleRate = await promValue(
    prom,
    `sum(rate(swarm_service_cpu_seconds_total{service="${service}"}[1m]))`,
  );

  const v2 = await deployStack(nc, { name: stack, compose: compose(CPU_BURNER) });
  const record = await expectSucceeded(nc, v2.reply);
  expect(v2.reply.version).toBe(v1.reply.version + 1);
  console.log(
    `v1 ${v1.reply.deploymentId} (idle ${idleRate?.toFixed(3)} cores), v2 ${v2.reply.deploymentId}`,
  );

  const t0 = Date.now();
  let last: Insight[] = [];
  const correlated = await pollUntil(
    `a correlation insight naming deployment ${v2.reply.deploymentId}`,
    async () => {
      last = (await env.analyze({ stack, window: '10m' })).insights;
      return last.find((i) => i.kind === 'correlation' && i.evidence.deploymentId === v2.reply.deploymentId);
    },
    { maxMs: 420_000, everyMs: 5000 },
  ).catch((err: unknown) => {
    console.log(`last insights:\n${last.map((i) => `  ${i.kind} ${i.subject}: ${i.summary}`).join('\n')}`);
    throw err;
  });
  console.log(
    `correlated after ${Date.now() - t0} ms: ${correlated.severity} ${correlated.subject}: ${correlated.summary}`,
  );
  console.log(
    `  evidence: ${JSON.stringify(correlated.evidence)}\n  recommendation: ${correlated.recommendation}`,
  );
  const burning = await promValue(
    prom,
    `sum(rate(swarm_service_cpu_seconds_total{service="${service}"}[1m]))`,
  );
  console.log(`after v2: ${burning?.toFixed(3)} cores`);

  expect(correlated.subject).toContain(service);
  expect(correlated.summary).toContain(stack);
  expect(correlated.summary).toContain(v2.reply.deploymentId);
  expect(correlated.evidence.promql.length).toBeGreaterThan(0);
  expect(record.stack).toBe(stack);
  // No correlation blames the idle first version for the jump.
  expect(
    last.some((i) => i.kind === 'correlation' && i.evidence.deploymentId === v1.reply.deploymentId),
  ).toBe(false);
});
