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
  stackServiceNames,
  tagImage,
  untagImage,
  webCompose,
} from '../fixtures/deployer/web-stack.js';
import { quietly } from '../fixtures/deployer/quietly.js';
import { pollUntil } from '../fixtures/inventory/poll.js';

// Acceptance of #5: a new version whose healthcheck never passes ends `failed` or `rolled-back`, never
// `succeeded`, and the stack runs (and serves) the previous version again. Tried with each strategy.

const STRATEGIES: Strategy[] = ['rolling', 'blue-green', 'canary'];

it(
  'a version whose healthcheck fails is never reported as succeeded and v1 serves again',
  { timeout: 900_000 },
  async () => {
    await requireDocker();
    // Engine calls get 60 s here, not the 10 s of requireDocker's client: on a busy machine a create can take longer.
    const docker = createTestDocker(undefined, 60_000);
    const base = await ensureTestImage(docker);
    const stack = uniqueName('e2e-fh');
    const labels = { [TEST_LABEL]: stack };
    const images: string[] = [];
    const report: string[] = [];
    let env: DeployerEnv | undefined;
    let client: LoadClient | undefined;
    let passed = false;
    try {
      env = await startDeployerEnv('e2e-deployer-failing-health');
      const { nc } = env;
      const v1 = await tagImage(docker, base, 'swarmops/e2e-web', `${stack}-v1`);
      images.push(v1);
      const v2 = await tagImage(docker, base, 'swarmops/e2e-web', `${stack}-v2`);
      images.push(v2);

      const first = await deployStack(nc, {
        name: stack,
        compose: webCompose({ image: v1, marker: 'web-v1' }),
      });
      await expectSucceeded(nc, first.reply);

      for (const strategy of STRATEGIES) {
        client = await startLoadClient({
          docker,
          image: base,
          network: `${stack}_default`,
          service: 'web',
          port: 8080,
          name: `${stack}-client-${strategy}`,
          labels,
        });
        await client.untilTotal(20);
        const deploy = await deployStack(nc, {
          name: stack,
          compose: webCompose({ image: v2, marker: 'web-v2', healthy: false }),
          strategy,
          timeoutSeconds: 90,
          ...(strategy === 'canary' ? { canary: { replicas: 1, windowSeconds: 5 } } : {}),
        });
        const record = await getDeployment(nc, deploy.reply.deploymentId);
        // The previous version runs again: three running tasks of the canonical service with the v1 image.
        const tasks = await pollUntil(
          'three running v1 tasks',
          async () => {
            const now = await runningTasks(docker, stack);
            return now.length === 3 && now.every((t) => t.state === 'running') ? now : undefined;
          },
          { maxMs: 60_000, everyMs: 500 },
        ).catch(() => runningTasks(docker, stack));
        await client.untilTotal((await client.total()) + 100);
        const served = await client.stop();
        client = undefined;
        const line =
          `${strategy}: ${deploy.reply.status} after ${deploy.seconds.toFixed(1)} s (${deploy.reply.error ?? ''}); ` +
          `${served.total} requests meanwhile, ${served.failed} failed, served ${JSON.stringify(served.markers)}`;
        report.push(line);
        console.log(`${line}\n${formatSteps(record)}`);

        expect(['failed', 'rolled-back']).toContain(deploy.reply.status);
        expect(record.status).toBe(deploy.reply.status);
        expect(record.error).toBeTruthy();
        expect(tasks.map((t) => `${t.service} ${t.image} ${t.state}`)).toEqual(
          Array.from({ length: 3 }, () => `${stack}_web ${v1} running`),
        );
        expect(await stackServiceNames(docker, stack)).toEqual([`${stack}_web`]);
        // v2 never passed its healthcheck, so it never joined DNS: only v1 answered, and always.
        expect(served.markers).toEqual({ 'web-v1': served.total });
        expect(served.failed).toBe(0);
      }
      passed = true;
    } finally {
      console.log(`failing healthcheck, ${stack}:\n${report.join('\n')}`);
      await quietly(client?.remove());
      await quietly(removeStack(docker, stack, 120_000));
      for (const ref of images) await quietly(untagImage(docker, ref));
      await env?.stop({ passed });
    }
  },
);
