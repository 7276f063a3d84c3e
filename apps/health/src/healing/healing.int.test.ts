import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureStream, eventsStreamConfig, request, serve, silentLogger } from '@swarmops/bus';
import { DeployerRpc, HealthRpc } from '@swarmops/contracts';
import type { HealableCheckId } from '@swarmops/contracts';
import { createDatabase } from '@swarmops/db';
import {
  ensureTestImage,
  pgFixture,
  removeLabeled,
  requireDocker,
  startPrivateNats,
  TEST_IMAGE,
  uniqueName,
} from '@swarmops/testkit';
import type { PgFixture, PrivateNats } from '@swarmops/testkit';
import { startDeployerChild } from './__fixtures__/deployer-child.js';
import type { DeployerChild } from './__fixtures__/deployer-child.js';
import { failingCheck, liveNodes, outcomeOf, serviceFacts } from './__fixtures__/snapshot.js';
import { createHealingHandlers, createHealingListener } from './index.js';

// The healing listener and handlers in-process, the REAL deployer as a child process, a private NATS, a fresh
// database and the real one-node swarm. The failing checks are built from what the engine shows (the
// analyzers are tested on their own); everything after that — decisions, guardrails, the deployer's work,
// the records — is real.
describe('self-healing', () => {
  let nats: PrivateNats;
  let nc: NatsConnection;
  let pg: PgFixture;
  let deployer: DeployerChild;
  let docker: Dockerode;
  let clusterId: string;
  let stopService: () => Promise<void>;
  const run = uniqueName('heal');
  const flagDir = mkdtempSync(join(tmpdir(), 'swarmops-heal-'));

  beforeAll(async () => {
    docker = await requireDocker();
    await ensureTestImage(docker);
    nats = await startPrivateNats();
    nc = await connect({ servers: nats.url });
    await ensureStream(await jetstreamManager(nc), eventsStreamConfig());
    pg = await pgFixture();
    deployer = await startDeployerChild(nats.url, pg.url);
    clusterId = ((await docker.swarmInspect()) as { ID: string }).ID;
    const endpoints = createHealingHandlers({
      db: createDatabase(pg.pool),
      clusterId: () => Promise.resolve(clusterId),
      logger: silentLogger,
    });
    const service = await serve(nc, { name: 'health', version: '0.0.0' }, endpoints);
    stopService = async () => {
      await service.stop();
    };
  });

  afterAll(async () => {
    try {
      await stopService();
      await removeLabeled(docker, run, 60_000);
      await deployer.stop();
      await nc.close();
      await pg.cleanup();
    } finally {
      await nats.stop();
      rmSync(flagDir, { recursive: true, force: true });
    }
  });

  const listener = (maxPerHour = 6) =>
    createHealingListener({
      db: createDatabase(pg.pool),
      clusterId: () => Promise.resolve(clusterId),
      logger: silentLogger,
      nc,
      maxPerHour,
    });

  const actions = async (checkId?: HealableCheckId) =>
    (await request(nc, HealthRpc.healingList, { limit: 100, ...(checkId === undefined ? {} : { checkId }) }))
      .items;

  const inspect = async (name: string) =>
    (await docker.getService(name).inspect()) as {
      Version: { Index: number };
      Spec: Dockerode.ServiceSpec;
      UpdateStatus?: { State?: string };
    };

  async function until<T>(what: string, probe: () => Promise<T | undefined>, maxMs = 180_000): Promise<T> {
    const deadline = Date.now() + maxMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** A service whose update is paused by a failure that goes away once `<flagDir>/<name>` exists. */
  async function pausedService(name: string): Promise<void> {
    const base: Dockerode.ServiceSpec = {
      Name: name,
      Labels: { 'swarmops.test': run },
      TaskTemplate: {
        ContainerSpec: { Image: TEST_IMAGE, Command: ['sleep', '3600'], StopGracePeriod: 1_000_000_000 },
        RestartPolicy: { Condition: 'any', Delay: 1_000_000_000 },
      },
      Mode: { Replicated: { Replicas: 1 } },
      UpdateConfig: {
        Order: 'stop-first',
        Parallelism: 1,
        FailureAction: 'pause',
        Monitor: 5_000_000_000,
        MaxFailureRatio: 0,
      },
    };
    await docker.createService(base);
    await until('the first task running', async () => {
      const tasks = (await docker.listTasks({ filters: JSON.stringify({ service: [name] }) })) as {
        Status?: { State?: string };
      }[];
      return tasks.some((t) => t.Status?.State === 'running') ? true : undefined;
    });
    const live = await inspect(name);
    await docker.getService(name).update({
      _query: { version: live.Version.Index },
      _body: {
        ...live.Spec,
        TaskTemplate: {
          ...live.Spec.TaskTemplate,
          ContainerSpec: {
            Image: TEST_IMAGE,
            Command: ['sh', '-c', `test -f /flag/${name} || exit 1; exec sleep 3600`],
            StopGracePeriod: 1_000_000_000,
            Mounts: [{ Type: 'bind', Source: flagDir, Target: '/flag', ReadOnly: true }],
          },
        },
      },
    });
    await until('the update to pause', async () =>
      (await inspect(name)).UpdateStatus?.State === 'paused' ? true : undefined,
    );
  }

  it('plans in dry-run without touching the service, then repairs the paused update with the policy on', async () => {
    const name = `${run}_api`;
    await pausedService(name);
    // The cause goes away, but Swarm leaves the update paused until someone acts.
    writeFileSync(join(flagDir, name), 'ok');
    const versionBefore = (await inspect(name)).Version.Index;
    const nodes = await liveNodes(docker);
    const outcome = () =>
      outcomeOf(
        clusterId,
        nodes,
        [serviceFacts(name, null)],
        [
          failingCheck('service.update', `service:${name}`, new Date(Date.now() - 60_000), {
            state: 'paused',
          }),
        ],
      );

    const dry = await request(nc, HealthRpc.policySet, {
      checkId: 'service.update',
      mode: 'dry-run',
      requestedBy: 'test',
    });
    expect(dry).toMatchObject({
      checkId: 'service.update',
      mode: 'dry-run',
      action: 'force-update',
      maxPerHour: 3,
    });
    const healing = listener();
    await healing.afterRun(outcome());
    await healing.settled();
    expect(await actions('service.update')).toMatchObject([
      { subject: `service:${name}`, action: 'force-update', mode: 'dry-run', outcome: 'planned' },
    ]);
    const untouched = await inspect(name);
    expect(untouched.Version.Index).toBe(versionBefore);
    expect(untouched.UpdateStatus?.State).toBe('paused');
    // A second run in the same failure records nothing new.
    await healing.afterRun(outcome());
    expect(await actions('service.update')).toHaveLength(1);

    await request(nc, HealthRpc.policySet, { checkId: 'service.update', mode: 'on', requestedBy: 'test' });
    await healing.afterRun(outcome());
    await healing.settled();
    const [executed] = await actions('service.update');
    expect(executed).toMatchObject({ mode: 'on', outcome: 'executed', reason: null });
    const repaired = await inspect(name);
    expect(repaired.UpdateStatus?.State).toBe('completed');
    expect((repaired.Spec.TaskTemplate as { ForceUpdate?: number }).ForceUpdate).toBe(1);

    const deployment = await request(nc, DeployerRpc.deploymentsGet, { id: executed?.deploymentId ?? '' });
    expect(deployment).toMatchObject({
      kind: 'restart',
      status: 'succeeded',
      requestedBy: 'health/self-healing',
    });

    const audit = await pg.pool.query<{
      tool: string;
      decision: string;
      outcome: string;
      arguments: unknown;
    }>(
      `SELECT tool, decision, outcome, arguments FROM audit_log WHERE principal = 'system:health' ORDER BY time`,
    );
    expect(audit.rows).toEqual([
      {
        tool: 'heal:force-update',
        decision: 'allowed',
        outcome: 'ok',
        arguments: { checkId: 'service.update', subject: `service:${name}`, mode: 'dry-run' },
      },
      {
        tool: 'heal:force-update',
        decision: 'allowed',
        outcome: 'ok',
        arguments: { checkId: 'service.update', subject: `service:${name}`, mode: 'on' },
      },
    ]);
    const events = await pg.pool.query<{ type: string; n: string }>(
      `SELECT type, count(*) AS n FROM outbox WHERE type IN ('health.healing.action', 'audit.recorded') GROUP BY type ORDER BY type`,
    );
    expect(events.rows).toEqual([
      { type: 'audit.recorded', n: '2' },
      { type: 'health.healing.action', n: '2' },
    ]);
  });

  it('refuses while a deployment of the same stack is running', async () => {
    const stack = `${run.replace(/-/g, '')}dep`;
    // A deployment that stays running: its only task never passes its healthcheck.
    const compose = `
services:
  web:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    healthcheck:
      test: ["CMD", "false"]
      interval: 1s
      retries: 1000
    deploy:
      labels: [swarmops.test=${run}]
networks:
  default:
    labels: [swarmops.test=${run}]
`;
    const started = await request(nc, DeployerRpc.stackDeploy, {
      name: stack,
      compose,
      wait: false,
      timeoutSeconds: 30,
    });
    expect(started.status).toBe('running');
    await request(nc, HealthRpc.policySet, { checkId: 'service.update', mode: 'on' });
    const healing = listener();
    const name = `${stack}_web`;
    await healing.afterRun(
      outcomeOf(
        clusterId,
        await liveNodes(docker),
        [serviceFacts(name, stack)],
        [failingCheck('service.update', `service:${name}`, new Date())],
      ),
    );
    await healing.settled();
    const [refused] = await actions('service.update');
    expect(refused).toMatchObject({ subject: `service:${name}`, outcome: 'refused', mode: 'on' });
    expect(refused?.reason).toMatch(/^deployment-running: /);
    // The deployment is the deployer's to finish; wait so cleanup removes a settled stack.
    await until('the deployment to end', async () => {
      const d = await request(nc, DeployerRpc.deploymentsGet, { id: started.deploymentId });
      return d.status === 'running' ? undefined : d.status;
    });
  });

  it('refuses beyond the policy cap and the global cap per hour', async () => {
    await request(nc, HealthRpc.policySet, { checkId: 'service.update', mode: 'dry-run', maxPerHour: 1 });
    const services = ['a', 'b'].map((s) => serviceFacts(`${run}_cap${s}`, `${run}cap`));
    const failing = services.map((s) => failingCheck('service.update', `service:${s.name}`, new Date()));
    const nodes = await liveNodes(docker);
    // The dry-run plan from the first test counts in this mode: the policy allows 1 an hour.
    const healing = listener();
    await healing.afterRun(outcomeOf(clusterId, nodes, services, failing));
    const capped = (await actions('service.update')).filter((a) =>
      a.subject.startsWith(`service:${run}_cap`),
    );
    expect(capped.map((a) => [a.outcome, a.reason?.split(':')[0]])).toEqual([
      ['refused', 'policy-hourly-cap'],
      ['refused', 'policy-hourly-cap'],
    ]);

    await request(nc, HealthRpc.policySet, { checkId: 'service.update', mode: 'dry-run', maxPerHour: 60 });
    const strict = listener(1);
    const other = serviceFacts(`${run}_capc`, `${run}cap`);
    await strict.afterRun(
      outcomeOf(
        clusterId,
        nodes,
        [other],
        [failingCheck('service.update', `service:${other.name}`, new Date())],
      ),
    );
    const [global] = await actions('service.update');
    expect(global).toMatchObject({ subject: `service:${other.name}`, outcome: 'refused' });
    expect(global?.reason).toMatch(/^global-hourly-cap: /);
  });

  it('never drains the last manager: health refuses, and so does the deployer when health is misinformed', async () => {
    const nodes = await liveNodes(docker);
    // Only on the one-node swarm: a drain must never be obeyable here.
    expect(nodes).toHaveLength(1);
    const [local] = nodes;
    if (local === undefined || local.role !== 'manager') throw new Error('expected one manager');
    await request(nc, HealthRpc.policySet, { checkId: 'node.flapping', mode: 'on' });
    const healing = listener();
    const flapping = [failingCheck('node.flapping', `node:${local.hostname}`, new Date())];
    await healing.afterRun(outcomeOf(clusterId, nodes, [], flapping));
    await healing.settled();
    const [byHealth] = await actions('node.flapping');
    expect(byHealth).toMatchObject({ action: 'drain-node', outcome: 'refused' });
    expect(byHealth?.reason).toMatch(/^last-manager: /);

    // A snapshot that wrongly calls the node a worker gets past health's guardrail; the deployer refuses.
    const misinformed = [{ ...local, role: 'worker' as const }];
    const fooled = listener();
    await fooled.afterRun(outcomeOf(clusterId, misinformed, [], flapping));
    await fooled.settled();
    const [byDeployer] = await actions('node.flapping');
    expect(byDeployer).toMatchObject({ action: 'drain-node', outcome: 'refused', mode: 'on' });
    expect(byDeployer?.reason).toMatch(/^deployer: refusing to drain/);
    const after = await liveNodes(docker);
    expect(after[0]?.availability).toBe('active');

    const policies = await request(nc, HealthRpc.policyList, {});
    expect(policies.items.map((p) => [p.checkId, p.mode])).toEqual([
      ['node.flapping', 'on'],
      ['service.update', 'dry-run'],
    ]);
  });

  it('stores the stacks a policy is limited to, clears them when set without, and refuses them for nodes', async () => {
    const stacks = [`${run}a`, `${run}b`];
    const limited = await request(nc, HealthRpc.policySet, {
      checkId: 'service.update',
      mode: 'dry-run',
      stacks,
    });
    expect(limited.stacks).toEqual(stacks);
    const listed = await request(nc, HealthRpc.policyList, {});
    expect(listed.items.find((p) => p.checkId === 'service.update')?.stacks).toEqual(stacks);
    const cleared = await request(nc, HealthRpc.policySet, { checkId: 'service.update', mode: 'dry-run' });
    expect(cleared.stacks).toBeNull();
    const refused = request(nc, HealthRpc.policySet, { checkId: 'node.flapping', mode: 'on', stacks });
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: /stacks/ });
  });
});
