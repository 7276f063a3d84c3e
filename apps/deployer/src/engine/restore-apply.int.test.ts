import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RestoreApplyRequestSchema } from '@swarmops/contracts';
import type { RestoreApplyItem } from '@swarmops/contracts';
import { TEST_IMAGE } from '@swarmops/testkit';
import { createHarness } from './__fixtures__/harness.js';
import type { EngineHarness } from './__fixtures__/harness.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

// restore.apply on the real swarm: every object given by name, created, left unchanged, updated or refused.
describe('restore.apply on the real swarm', () => {
  let h: EngineHarness;
  beforeEach(async () => {
    h = await createHarness();
  });
  afterEach(async () => {
    await h.cleanup();
  });

  const apply = (items: RestoreApplyItem[], over: { wait?: boolean } = {}) =>
    h.engine.restoreApply(
      RestoreApplyRequestSchema.parse({
        restoreId: randomUUID(),
        stack: h.stack,
        items,
        requestedBy: 'backup/test',
        ...over,
      }),
    );

  const serviceSpec = (
    name: string,
    env: string,
    refs: { network: string; config: string; secret: string },
  ) => ({
    Name: name,
    Labels: { 'swarmops.test': h.stack, 'com.docker.stack.namespace': h.stack },
    TaskTemplate: {
      ContainerSpec: {
        Image: TEST_IMAGE,
        Command: ['sleep', '3600'],
        Init: true,
        Env: [`MODE=${env}`],
        Configs: [{ ConfigName: refs.config, File: { Name: '/app.conf', UID: '0', GID: '0', Mode: 0o444 } }],
        Secrets: [{ SecretName: refs.secret, File: { Name: 'key', UID: '0', GID: '0', Mode: 0o400 } }],
      },
      Networks: [{ Target: refs.network, Aliases: ['api'] }],
      // As an archive holds it: inspected, so with the engine's own MaxAttempts.
      RestartPolicy: { Condition: 'any', MaxAttempts: 0 },
    },
    Mode: { Replicated: { Replicas: 1 } },
  });

  it('creates objects from specs by name, then a second apply leaves everything unchanged', async () => {
    const s = h.stack;
    const value = `restore-secret-${randomBytes(8).toString('hex')}`;
    const refs = { network: `${s}_net`, config: `${s}_conf`, secret: `${s}_key` };
    const labels = { 'swarmops.test': s };
    const swarm = (await h.docker.swarmInspect()) as {
      Spec: Record<string, unknown>;
      Version: { Index: number };
    };
    const host = (await h.deps.restoreDocker.nodes())[0];
    if (host === undefined) throw new Error('the swarm has no node');
    const items: RestoreApplyItem[] = [
      {
        kind: 'stack-version',
        name: `${s}@1`,
        stack: s,
        version: 1,
        compose: 'services: {}\n',
        env: { A: '1' },
        strategy: 'rolling',
        deployedAt: '2026-11-27T10:00:00.000Z',
      },
      { kind: 'service', name: `${s}_api`, spec: serviceSpec(`${s}_api`, 'one', refs) },
      { kind: 'secret', name: refs.secret, spec: { Name: refs.secret, Labels: labels, Data: b64(value) } },
      {
        kind: 'config',
        name: refs.config,
        spec: { Name: refs.config, Labels: labels, Data: b64('port=80\n') },
      },
      {
        kind: 'network',
        name: refs.network,
        spec: { Name: refs.network, Driver: 'overlay', Attachable: true, Labels: labels },
      },
      { kind: 'swarm', name: 'swarm', spec: swarm.Spec },
      { kind: 'node', name: host.hostname, labels: {}, availability: host.availability },
    ];

    const first = await apply(items);
    expect(first.status).toBe('succeeded');
    expect(first.outcomes.map((o) => `${o.kind}:${o.outcome}`)).toEqual([
      'swarm:unchanged',
      'node:unchanged',
      'network:created',
      'config:created',
      'secret:created',
      'service:created',
      'stack-version:created',
    ]);
    expect(first.services).toEqual([{ name: `${s}_api`, replicas: { desired: 1, running: 1 } }]);

    const live = await h.deps.docker.findService(`${s}_api`);
    const names = await h.deps.docker.networkNames();
    const network = live?.spec.TaskTemplate?.Networks?.[0];
    expect(names[network?.Target ?? '']).toBe(refs.network);
    const ids = await h.deps.docker.objectIds();
    expect(JSON.stringify(live?.spec)).toContain(ids.secrets[refs.secret]);
    expect(JSON.stringify(live?.spec)).toContain(ids.configs[refs.config]);
    expect(await h.deps.repo.getVersion(h.deps.clusterId, s, 1)).toMatchObject({
      compose: 'services: {}\n',
      env: { A: '1' },
      deployedAt: '2026-11-27T10:00:00.000Z',
    });

    const deployment = await h.engine.get(first.deploymentId);
    expect(deployment).toMatchObject({
      kind: 'restore',
      stack: s,
      status: 'succeeded',
      requestedBy: 'backup/test',
    });
    expect(deployment.steps.map((st) => st.name)).toContain('restore-secret');

    // The secret's value is nowhere in the record: not in the steps, the row, its target or previous state.
    const rows = await h.pg.pool.query<{ t: string }>(
      `SELECT row_to_json(d)::text AS t FROM deployments d WHERE id = $1
       UNION ALL SELECT row_to_json(st)::text FROM deployment_steps st WHERE deployment_id = $1`,
      [first.deploymentId],
    );
    expect(rows.rows.length).toBeGreaterThan(5);
    for (const row of rows.rows) {
      expect(row.t).not.toContain(value);
      expect(row.t).not.toContain(b64(value));
    }
    expect(JSON.stringify(first)).not.toContain(b64(value));

    const version = live?.version;
    const second = await apply(items);
    expect(second.status).toBe('succeeded');
    expect(new Set(second.outcomes.map((o) => o.outcome))).toEqual(new Set(['unchanged']));
    expect((await h.deps.docker.findService(`${s}_api`))?.version).toBe(version);
  });

  it('updates a differing service, refuses a missing reference and a changed config, and one restore per stack', async () => {
    const s = h.stack;
    const labels = { 'swarmops.test': s };
    const refs = { network: `${s}_net`, config: `${s}_conf`, secret: `${s}_key` };
    await h.docker.createNetwork({ Name: refs.network, Driver: 'overlay', Attachable: true, Labels: labels });
    await h.docker.createConfig({ Name: refs.config, Labels: labels, Data: b64('old\n') });
    await h.docker.createSecret({ Name: refs.secret, Labels: labels, Data: b64('x') });
    const base = await apply([
      { kind: 'config', name: refs.config, spec: { Name: refs.config, Labels: labels, Data: b64('old\n') } },
      { kind: 'service', name: `${s}_api`, spec: serviceSpec(`${s}_api`, 'one', refs) },
    ]);
    expect(base.outcomes.map((o) => o.outcome)).toEqual(['unchanged', 'created']);

    const missing = { ...refs, network: `${s}_gone` };
    const second = await apply([
      { kind: 'config', name: refs.config, spec: { Name: refs.config, Labels: labels, Data: b64('new\n') } },
      { kind: 'service', name: `${s}_api`, spec: serviceSpec(`${s}_api`, 'two', refs) },
      { kind: 'service', name: `${s}_web`, spec: serviceSpec(`${s}_web`, 'one', missing) },
    ]);
    expect(second.status).toBe('failed');
    expect(second.outcomes.map((o) => `${o.kind}:${o.name}:${o.outcome}`)).toEqual([
      `config:${refs.config}:failed`,
      `service:${s}_api:updated`,
      `service:${s}_web:failed`,
    ]);
    expect(second.outcomes[0]?.error).toContain('configs are immutable');
    expect(second.outcomes[2]?.error).toContain(`network ${s}_gone`);
    const live = await h.deps.docker.findService(`${s}_api`);
    expect(JSON.stringify(live?.spec.TaskTemplate)).toContain('MODE=two');
    expect(await h.deps.docker.findService(`${s}_web`)).toBeNull();
    const record = await h.engine.get(second.deploymentId);
    expect(record.status).toBe('failed');
    expect(record.error).toContain(`network ${s}_gone`);
    const update = record.steps.find((st) => st.name === 'restore-service' && st.subject === `${s}_api`);
    expect(JSON.stringify(update?.details)).toContain('MODE=two');

    const running = await apply(
      [{ kind: 'service', name: `${s}_api`, spec: serviceSpec(`${s}_api`, 'three', refs) }],
      { wait: false },
    );
    expect(running).toMatchObject({ status: 'running', outcomes: [{ outcome: 'updated' }] });
    await expect(
      apply([{ kind: 'service', name: `${s}_api`, spec: serviceSpec(`${s}_api`, 'three', refs) }]),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const ended = await waitFor(async () => {
      const d = await h.engine.get(running.deploymentId);
      return d.status === 'running' ? null : d;
    });
    expect(ended.status).toBe('succeeded');
  });
});

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 240_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
