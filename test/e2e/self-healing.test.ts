import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from '@swarmops/bus';
import { checkKey, HealthRpc } from '@swarmops/contracts';
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
// update is found by health's own cluster-wide runs and the service.update policy plans (dry-run) or runs
// (on) its repair. This swarm is shared: a policy `on` is ALWAYS limited to `stacks` of this test's own, so
// this health process never force-updates another team's paused service; the first test's dry-run policy
// changes nothing anywhere.

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

/**
 * Creates a service of `stack` and updates it to a version that fails until `<flagDir>/ok` exists: Swarm
 * pauses the update.
 */
async function pauseUpdate(name: string, stack: string, flagDir: string): Promise<void> {
  await createService(
    docker,
    serviceSpec({
      name,
      run,
      stack,
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
  await updateService(docker, name, (s) => {
    const c = containerOf(s);
    c['Command'] = ['sh', '-c', 'test -f /flag/ok || exit 1; exec sleep 3600'];
    c['Mounts'] = [{ Type: 'bind', Source: flagDir, Target: '/flag', ReadOnly: true }];
    return s;
  });
  expect(await waitUpdateState(docker, name, ['paused', 'rollback_paused'])).toBe('paused');
}

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
    await pauseUpdate(name, run, flag.path);
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

test('repairs a paused update with the policy on, limited to its stack, and leaves another stack alone', async () => {
  onTestFailed(() => void (passed = false));
  const ownStack = `${run}-on`;
  const otherStack = `${run}-other`;
  const own = `${ownStack}_api`;
  const other = `${otherStack}_api`;
  const flag = hostDir(`${run}-flag-on`);
  try {
    await Promise.all([pauseUpdate(own, ownStack, flag.path), pauseUpdate(other, otherStack, flag.path)]);
    // Both failures are transient from now on: a force update would repair either.
    writeFileSync(join(flag.path, 'ok'), 'ok');
    const otherBefore = (await inspectService(docker, other)).version;
    const failed = (service: string) =>
      env.events.waitFor(
        `service.update failed on ${service}`,
        (e) =>
          e.type === 'health.check.failed' &&
          e.check !== undefined &&
          checkKey(e.check.check) === `service.update|service:${service}`,
        120_000,
      );
    // Health sees both failing before the policy turns on, so every run after it looks at both.
    await Promise.all([failed(own), failed(other)]);

    const policy = await request(env.nc, HealthRpc.policySet, {
      checkId: 'service.update',
      mode: 'on',
      stacks: [ownStack],
      requestedBy: 'e2e',
    });
    expect(policy).toMatchObject({ mode: 'on', action: 'force-update', stacks: [ownStack] });
    const onAt = Date.now();
    const healed = await env.events.waitFor(
      'health.healing.action executed',
      (e) =>
        e.type === 'health.healing.action' &&
        (e.envelope.data as HealingRecord).subject === `service:${own}` &&
        (e.envelope.data as HealingRecord).outcome !== 'planned',
      300_000,
    );
    console.log(
      `policy on → ${(healed.envelope.data as HealingRecord).outcome} in ${healed.receivedAt - onAt} ms`,
    );
    expect(healed.envelope.data).toMatchObject({
      checkId: 'service.update',
      action: 'force-update',
      mode: 'on',
      outcome: 'executed',
      reason: null,
    });
    expect(await waitUpdateState(docker, own, ['completed'])).toBe('completed');

    const db = env.pg.pool;
    const rows = await db.query<{ outcome: string; mode: string; deployment_id: string | null }>(
      'select outcome, mode, deployment_id from healing_actions where subject = $1',
      [`service:${own}`],
    );
    expect(rows.rows).toEqual([
      {
        outcome: 'executed',
        mode: 'on',
        deployment_id: (healed.envelope.data as HealingRecord).deploymentId,
      },
    ]);
    const audit = await db.query<{ principal: string; tool: string; arguments: unknown; outcome: string }>(
      `select principal, tool, arguments, outcome from audit_log where arguments->>'subject' = $1`,
      [`service:${own}`],
    );
    expect(audit.rows).toEqual([
      {
        principal: 'system:health',
        tool: 'heal:force-update',
        arguments: { checkId: 'service.update', subject: `service:${own}`, mode: 'on' },
        outcome: 'ok',
      },
    ]);

    // One more cluster run with the policy on, in which the other stack's service is still failing.
    const report = await env.checkRun();
    expect(
      report.checks.some(
        (c) => c.id === 'service.update' && c.subject === `service:${other}` && c.status === 'fail',
      ),
    ).toBe(true);
    const untouched = await inspectService(docker, other);
    expect(untouched.updateState).toBe('paused');
    expect(untouched.version).toBe(otherBefore);
    const otherRows = await db.query('select 1 from healing_actions where subject = $1', [
      `service:${other}`,
    ]);
    expect(otherRows.rowCount).toBe(0);
    expect(
      env.events
        .ofType('health.healing.action')
        .filter((e) => (e.envelope.data as HealingRecord).subject === `service:${other}`),
    ).toEqual([]);
  } finally {
    await quietly(request(env.nc, HealthRpc.policySet, { checkId: 'service.update', mode: 'off' }));
    flag.remove();
  }
}, 600_000);
