import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from '@swarmops/bus';
import { HealthRpc } from '@swarmops/contracts';
import type { HealingRecord } from '@swarmops/contracts';
import {
  createTestDocker,
  ensureTestImage,
  removeLabeled,
  requireDocker,
  uniqueName,
} from '@swarmops/testkit';
import { afterAll, beforeAll, expect, onTestFailed, test } from 'vitest';
import { quietly } from '../fixtures/deployer/quietly.js';
import {
  containerOf,
  createService,
  hostDir,
  inspectService,
  serviceSpec,
  updateService,
  waitRunning,
  waitUpdateState,
} from '../fixtures/health/faults.js';
import { startHealthEnv } from '../fixtures/health/health-env.js';
import type { HealthEnv } from '../fixtures/health/health-env.js';

// Self-healing through the real health process (runner, analyzers, healing listener, deployer): a paused
// update is found by health's own cluster-wide runs and the service.update policy plans its repair. The policy is
// `dry-run` ON PURPOSE: a policy is per check and cluster-wide, and this swarm is shared — with `on`, this
// health process would force-update every other team's paused service too. The repair itself (`on`) is
// covered by apps/health/src/healing/healing.int.test.ts, which hands the listener this one service only.

const docker = createTestDocker(undefined, 60_000);
const run = uniqueName('e2e-heal');
const SECOND = 1_000_000_000;
let env: HealthEnv;
let passed = true;

beforeAll(async () => {
  await requireDocker();
  await ensureTestImage(docker);
  env = await startHealthEnv({ name: 'e2e-self-healing', healthEnv: { HEALTH_INTERVAL_SECONDS: '5' } });
}, 300_000);

afterAll(async () => {
  await quietly(removeLabeled(docker, run, 120_000));
  await env?.stop({ passed });
}, 300_000);

test('plans the force update of a paused update in dry-run and changes nothing', async () => {
  onTestFailed(() => void (passed = false));
  const name = `${run}_api`;
  const flag = hostDir(`${run}-flag`);
  try {
    await request(env.nc, HealthRpc.policySet, {
      checkId: 'service.update',
      mode: 'dry-run',
      requestedBy: 'e2e',
    });
    await createService(
      docker,
      serviceSpec({
        name,
        run,
        stack: run,
        extra: {
          UpdateConfig: {
            Parallelism: 1,
            FailureAction: 'pause',
            Monitor: 5 * SECOND,
            MaxFailureRatio: 0,
            Order: 'stop-first',
          },
        },
      }),
    );
    await waitRunning(docker, name, 1);
    // The new version fails until the flag file exists: Swarm pauses the update.
    await updateService(docker, name, (s) => {
      const c = containerOf(s);
      c['Command'] = ['sh', '-c', 'test -f /flag/ok || exit 1; exec sleep 3600'];
      c['Mounts'] = [{ Type: 'bind', Source: flag.path, Target: '/flag', ReadOnly: true }];
      return s;
    });
    expect(await waitUpdateState(docker, name, ['paused', 'rollback_paused'])).toBe('paused');
    const pausedAt = Date.now();
    writeFileSync(join(flag.path, 'ok'), 'ok');
    const versionBefore = (await inspectService(docker, name)).version;

    const key = `service.update|service:${name}`;
    await env.events.waitFor(
      'service.update failed',
      (e) =>
        e.type === 'health.check.failed' &&
        e.check !== undefined &&
        `${e.check.check.id}|${e.check.check.subject}` === key,
      120_000,
    );
    const planned = await env.events.waitFor(
      'health.healing.action planned',
      (e) =>
        e.type === 'health.healing.action' &&
        (e.envelope.data as HealingRecord).subject === `service:${name}`,
      120_000,
    );
    console.log(`paused → planned in ${planned.receivedAt - pausedAt} ms`);
    expect(planned.envelope.data).toMatchObject({
      checkId: 'service.update',
      action: 'force-update',
      mode: 'dry-run',
      outcome: 'planned',
      deploymentId: null,
    });
    const listed = await request(env.nc, HealthRpc.healingList, { checkId: 'service.update', limit: 1000 });
    expect(listed.items.filter((r) => r.subject === `service:${name}`)).toHaveLength(1);
    const after = await inspectService(docker, name);
    expect(after.version).toBe(versionBefore);
    expect(after.updateState).toBe('paused');
  } finally {
    await quietly(request(env.nc, HealthRpc.policySet, { checkId: 'service.update', mode: 'off' }));
    flag.remove();
  }
}, 400_000);
