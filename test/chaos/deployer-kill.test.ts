import { request } from '@swarmops/bus';
import { DeployerRpc } from '@swarmops/contracts';
import type { Deployment, Strategy } from '@swarmops/contracts';
import { createTestDocker, ensureTestImage, requireDocker, uniqueName } from '@swarmops/testkit';
import type Docker from 'dockerode';
import { expect, it } from 'vitest';
import {
  deployStack,
  expectSucceeded,
  formatSteps,
  getDeployment,
} from '../fixtures/deployer/deploy-client.js';
import { startDeployerEnv } from '../fixtures/deployer/deployer-env.js';
import type { DeployerEnv } from '../fixtures/deployer/deployer-env.js';
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

// Acceptance of #5: `kill -9` the deployer while a deployment is changing services. After the restart the
// deployment ends `succeeded` or `rolled-back` within a bound, never stays `running`, and its record says
// how it was recovered. The kill lands while Swarm is updating a service (rolling) or while the green
// copy runs beside blue (blue-green).

const STRATEGIES: Strategy[] = ['rolling', 'blue-green'];
const RECOVERY_BOUND_MS = 150_000;

/** True once a service of the stack is mid-update, or a `--green`/`--canary` copy exists. */
async function updateInFlight(docker: Docker, stack: string): Promise<string | undefined> {
  for (const name of await stackServiceNames(docker, stack)) {
    if (name.includes('--')) return `${name} exists`;
    const info = (await docker.getService(name).inspect()) as { UpdateStatus?: { State?: string } };
    if (info.UpdateStatus?.State === 'updating') return `${name} UpdateStatus updating`;
  }
  return undefined;
}

it(
  'after kill -9 mid-deploy, the restarted deployer finishes or rolls back each deployment and records which',
  { timeout: 900_000 },
  async () => {
    await requireDocker();
    // Engine calls get 60 s here, not the 10 s of requireDocker's client: on a busy machine a create can take longer.
    const docker = createTestDocker(undefined, 60_000);
    const base = await ensureTestImage(docker);
    const images: string[] = [];
    const stacks: string[] = [];
    const report: string[] = [];
    let env: DeployerEnv | undefined;
    let passed = false;
    try {
      env = await startDeployerEnv('chaos-deployer-kill');
      const { nc, deployer, pg } = env;

      for (const strategy of STRATEGIES) {
        const stack = uniqueName(`chaos-kill-${strategy}`);
        stacks.push(stack);
        const v1 = await tagImage(docker, base, 'swarmops/e2e-web', `${stack}-v1`);
        const v2 = await tagImage(docker, base, 'swarmops/e2e-web', `${stack}-v2`);
        images.push(v1, v2);
        const first = await deployStack(nc, {
          name: stack,
          compose: webCompose({ image: v1, marker: 'web-v1' }),
        });
        await expectSucceeded(nc, first.reply);

        const t0 = Date.now();
        const at: Record<string, number> = {};
        const mark = (what: string) => (at[what] = Date.now() - t0);
        const started = await request(
          nc,
          DeployerRpc.stackDeploy,
          { name: stack, compose: webCompose({ image: v2, marker: 'web-v2' }), strategy, wait: false },
          { timeoutMs: 30_000 },
        );
        mark('request answered');
        expect(started.status).toBe('running');
        const id = started.deploymentId;
        const inFlight = await pollUntil(
          'a service update in flight',
          async () => {
            const d = await getDeployment(nc, id);
            if (d.status !== 'running') throw new Error(`deployment ended (${d.status}) before the kill`);
            return updateInFlight(docker, stack);
          },
          { maxMs: 60_000, everyMs: 100, failFast: (err) => String(err).includes('before the kill') },
        );
        mark(`in flight (${inFlight})`);
        await deployer.stop('SIGKILL');
        mark('kill -9');
        const atKill = await pg.pool.query<{ status: string }>(
          'SELECT status FROM deployments WHERE id = $1',
          [id],
        );
        expect(atKill.rows[0]?.status).toBe('running');

        await deployer.restart();
        mark('restarted and ready');
        const final = await pollUntil<Deployment>(
          `deployment ${id} to leave running`,
          async () => {
            const d = await getDeployment(nc, id);
            return d.status === 'running' ? undefined : d;
          },
          { maxMs: RECOVERY_BOUND_MS, everyMs: 250 },
        );
        mark(`ended ${final.status} (recovery ${final.recovery})`);
        const timeline = Object.entries(at)
          .map(([what, ms]) => `  +${(ms / 1000).toFixed(1)} s ${what}`)
          .join('\n');
        const line = `${strategy}: ${final.status}, recovery ${final.recovery}, ${((at[`ended ${final.status} (recovery ${final.recovery})`] ?? 0) / 1000).toFixed(1)} s after the request`;
        report.push(`${line}\n${timeline}`);
        console.log(`${line}\n${timeline}\nsteps:\n${formatSteps(final)}`);

        expect(['succeeded', 'rolled-back']).toContain(final.status);
        expect(final.recovery).toBe(final.status === 'succeeded' ? 'resumed' : 'rolled-back');
        const expected = final.status === 'succeeded' ? v2 : v1;
        const tasks = await pollUntil(
          `three running tasks of ${expected}`,
          async () => {
            const now = await runningTasks(docker, stack);
            return now.length === 3 && now.every((t) => t.state === 'running') ? now : undefined;
          },
          { maxMs: 60_000, everyMs: 500 },
        ).catch(() => runningTasks(docker, stack));
        expect(tasks.map((t) => `${t.service} ${t.image} ${t.state}`)).toEqual(
          Array.from({ length: 3 }, () => `${stack}_web ${expected} running`),
        );
        expect(await stackServiceNames(docker, stack)).toEqual([`${stack}_web`]);
        const stillRunning = await pg.pool.query("SELECT id FROM deployments WHERE status = 'running'");
        expect(stillRunning.rows).toEqual([]);
      }
      passed = true;
    } finally {
      console.log(`kill -9 mid-deploy:\n${report.join('\n')}`);
      for (const stack of stacks) await quietly(removeStack(docker, stack, 120_000));
      for (const ref of images) await quietly(untagImage(docker, ref));
      await env?.stop({ passed });
    }
  },
);
