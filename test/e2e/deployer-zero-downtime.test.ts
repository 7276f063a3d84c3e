import type { Strategy } from '@swarmops/contracts';
import { createTestDocker, ensureTestImage, requireDocker, TEST_LABEL, uniqueName } from '@swarmops/testkit';
import { expect, it } from 'vitest';
import {
  deployStack,
  expectSucceeded,
  formatSteps,
  getDeployment,
} from '../fixtures/deployer/deploy-client.js';
import { startDeployerEnv } from '../fixtures/deployer/deployer-env.js';
import type { DeployerEnv } from '../fixtures/deployer/deployer-env.js';
import { startLoadClient } from '../fixtures/deployer/load-client.js';
import type { LoadClient } from '../fixtures/deployer/load-client.js';
import {
  removeStack,
  runningTasks,
  tagImage,
  untagImage,
  webCompose,
} from '../fixtures/deployer/web-stack.js';
import { quietly } from '../fixtures/deployer/quietly.js';
import { sleep } from '../fixtures/inventory/poll.js';

// Acceptance of #5, zero downtime: a 3-replica busybox httpd service (dnsrr, healthcheck, 3 s stop grace)
// is updated with rolling, then blue-green, then canary through the real deployer, while a client
// container on the stack's overlay network requests it by name. Every request must be answered 200.

const MIN_REQUESTS = 2000;
const PHASES: { strategy: Strategy; marker: string }[] = [
  { strategy: 'rolling', marker: 'web-v2' },
  { strategy: 'blue-green', marker: 'web-v3' },
  { strategy: 'canary', marker: 'web-v4' },
];

// About 3 minutes on an idle 2-core machine (~90 requests/s); the bound allows a machine that is busy with
// other work, where each request (two forks) gets slower.
it(
  'updates a 3-replica service with rolling, blue-green and canary without one failed request',
  { timeout: 1_500_000 },
  async () => {
    await requireDocker();
    // Engine calls get 60 s here, not the 10 s of requireDocker's client: on a busy machine a create can take longer.
    const docker = createTestDocker(undefined, 60_000);
    const base = await ensureTestImage(docker);
    const stack = uniqueName('e2e-zd');
    const labels = { [TEST_LABEL]: stack };
    const images: string[] = [];
    const report: string[] = [];
    let env: DeployerEnv | undefined;
    let client: LoadClient | undefined;
    let passed = false;
    try {
      env = await startDeployerEnv('e2e-deployer-zero-downtime');
      const { nc } = env;
      // A distinct image reference per version (same bytes), so task specs show which version runs.
      const imageOf = async (marker: string) => {
        const ref = await tagImage(docker, base, 'swarmops/e2e-web', `${stack}-${marker}`);
        images.push(ref);
        return ref;
      };

      const first = await deployStack(nc, {
        name: stack,
        compose: webCompose({ image: await imageOf('web-v1'), marker: 'web-v1' }),
      });
      await expectSucceeded(nc, first.reply);
      report.push(`initial deploy (create): ${first.seconds.toFixed(1)} s`);

      for (const { strategy, marker } of PHASES) {
        client = await startLoadClient({
          docker,
          image: base,
          network: `${stack}_default`,
          service: 'web',
          port: 8080,
          name: `${stack}-client-${strategy}`,
          labels,
        });
        await client.untilTotal(30); // the loop runs and resolves `web` before the deploy starts
        const image = await imageOf(marker);
        const deploy = await deployStack(nc, {
          name: stack,
          compose: webCompose({ image, marker }),
          strategy,
          ...(strategy === 'canary' ? { canary: { replicas: 1, windowSeconds: 5 } } : {}),
        });
        // Keep requesting after the end: the new version alone must answer now.
        await sleep(3000);
        // Bounded: on a busy 2-core machine the loop slows to ~10 requests/s (forks); the count is asserted below.
        await client.untilTotal(MIN_REQUESTS, 300_000).catch(() => undefined);
        const result = await client.stop();
        client = undefined;
        const during = result.between(deploy.startedAt, deploy.finishedAt);
        const after = result.samples.filter((s) => s.at > deploy.finishedAt + 1000);
        const record = await getDeployment(nc, deploy.reply.deploymentId);
        const line =
          `${strategy}: ${result.total} requests, ${result.failed} failed; during the ${deploy.seconds.toFixed(1)} s ` +
          `deploy ${during.total} requests, ${during.failed} failed; served ${JSON.stringify(result.markers)}`;
        report.push(line);
        console.log(`${line}\n${formatSteps(record)}`);
        if (result.failed > 0) console.log(result.samples.filter((s) => !s.ok).slice(0, 20));

        expect(deploy.reply.status, deploy.reply.error).toBe('succeeded');
        expect(record.status).toBe('succeeded');
        expect(result.failed).toBe(0);
        expect(result.total).toBeGreaterThanOrEqual(MIN_REQUESTS);
        expect(during.total).toBeGreaterThan(0);
        expect(after.length).toBeGreaterThan(0);
        expect(new Set(after.map((s) => s.detail))).toEqual(new Set([marker]));
        const tasks = await runningTasks(docker, stack);
        expect(tasks.map((t) => `${t.service} ${t.image}`)).toEqual(
          Array.from({ length: 3 }, () => `${stack}_web ${image}`),
        );
      }
      passed = true;
    } finally {
      console.log(`zero downtime, ${stack}:\n${report.join('\n')}`);
      await quietly(client?.remove());
      await quietly(removeStack(docker, stack, 120_000));
      for (const ref of images) await quietly(untagImage(docker, ref));
      await env?.stop({ passed });
    }
  },
);
