import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeNetworkSpec, normalizeServiceSpec } from '@swarmops/contracts';
import type { RestoreApplyItem } from '@swarmops/contracts';
import { createDatabase } from '@swarmops/db';
import type { Database } from '@swarmops/db';
import { ensureTestImage, pgFixture, requireDocker, TEST_IMAGE, withDockerCleanup } from '@swarmops/testkit';
import type { DockerTestScope, PgFixture } from '@swarmops/testkit';
import { captureCluster } from '../capture/index.js';
import type { ClusterState } from '../domain/cluster-state.js';
import { STACK_LABEL } from '../domain/cluster-state.js';
import { planRestore, toApplyGroups } from './index.js';

// The restore module against the real engine: capture a stack, remove it, put it back from the by-name items
// toApplyGroups builds, and plan again. The items are posted the way restore.apply does (names resolved to
// ids on this swarm); the deployer's own handler is tested in apps/deployer and end to end in test/e2e.

let docker: Docker;
let pg: PgFixture;
let db: Database;

beforeAll(async () => {
  docker = await requireDocker();
  await ensureTestImage(docker);
  pg = await pgFixture();
  db = createDatabase(pg.pool);
});

afterAll(async () => {
  await pg?.cleanup();
});

const SECRET_VALUE = Buffer.from('round-trip-s3cret');

/** A stack with an overlay network, a config, a secret, a rich replicated service and a global one. */
async function createStack({ labels, name }: DockerTestScope): Promise<string> {
  const stack = name('rt');
  const inStack = { ...labels, [STACK_LABEL]: stack };
  const net = await docker.createNetwork({
    Name: `${stack}_net`,
    Driver: 'overlay',
    Attachable: true,
    Labels: inStack,
  });
  const config = (await docker.createConfig({
    Name: `${stack}_conf`,
    Labels: inStack,
    Data: Buffer.from('port=80\n').toString('base64'),
  })) as { id: string };
  const secret = (await docker.createSecret({
    Name: `${stack}_pw`,
    Labels: inStack,
    Data: SECRET_VALUE.toString('base64'),
  })) as { id: string };
  await docker.createService({
    Name: `${stack}_api`,
    Labels: { ...inStack, tier: '' },
    TaskTemplate: {
      ContainerSpec: {
        Image: TEST_IMAGE,
        Command: ['sleep', '3600'],
        Env: ['B=2', 'A=1'],
        Init: true,
        StopGracePeriod: 1_000_000_000,
        Configs: [
          {
            ConfigID: config.id,
            ConfigName: `${stack}_conf`,
            File: { Name: '/etc/app.conf', UID: '0', GID: '0', Mode: 0o444 },
          },
        ],
        Secrets: [
          {
            SecretID: secret.id,
            SecretName: `${stack}_pw`,
            File: { Name: 'pw', UID: '0', GID: '0', Mode: 0o400 },
          },
        ],
      },
      Resources: { Limits: {}, Reservations: {} },
      RestartPolicy: { Condition: 'on-failure', MaxAttempts: 3 },
      Placement: { Constraints: ['node.role==manager', 'node.platform.os==linux'] },
      Networks: [{ Target: net.id, Aliases: ['api'] }],
    },
    Mode: { Replicated: { Replicas: 0 } },
    UpdateConfig: { Parallelism: 2, Order: 'start-first' },
    EndpointSpec: { Mode: 'dnsrr' },
  });
  await docker.createService({
    Name: `${stack}_agent`,
    Labels: inStack,
    TaskTemplate: { ContainerSpec: { Image: TEST_IMAGE, Command: ['sleep', '3600'], Init: true } },
    Mode: { Global: {} },
    Networks: [{ Target: net.id }],
  });
  return stack;
}

async function removeStack(stack: string): Promise<void> {
  await docker.getService(`${stack}_api`).remove();
  await docker.getService(`${stack}_agent`).remove();
  await docker.getConfig(`${stack}_conf`).remove();
  await docker.getSecret(`${stack}_pw`).remove();
  // The swarm removes a network once its tasks are gone: retry while it is in use, then wait until it is not
  // listed any more.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const listed = await docker.listNetworks({ filters: JSON.stringify({ name: [`${stack}_net`] }) });
    if (!listed.some((n) => n.Name === `${stack}_net`)) return;
    try {
      await docker.getNetwork(`${stack}_net`).remove();
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Posts one item as restore.apply does: by name, configs and secrets resolved to their ids here. */
async function post(item: RestoreApplyItem): Promise<void> {
  if (item.kind === 'network') await docker.createNetwork(item.spec);
  else if (item.kind === 'config') await docker.createConfig(item.spec);
  else if (item.kind === 'secret') await docker.createSecret(item.spec);
  else if (item.kind === 'service') await docker.createService(await resolveIds(item.spec));
  else throw new Error(`unexpected ${item.kind} in a stack-scoped restore`);
}

async function resolveIds(spec: Record<string, unknown>): Promise<Record<string, unknown>> {
  const [configs, secrets] = await Promise.all([docker.listConfigs(), docker.listSecrets()]);
  const idOf = (list: { ID: string; Spec?: { Name?: string } }[], name: unknown) =>
    list.find((o) => o.Spec?.Name === name)?.ID;
  const copy = structuredClone(spec) as { TaskTemplate: { ContainerSpec?: Record<string, unknown> } };
  const container = copy.TaskTemplate.ContainerSpec ?? {};
  for (const ref of (container['Configs'] ?? []) as Record<string, unknown>[])
    ref['ConfigID'] = idOf(configs, ref['ConfigName']);
  for (const ref of (container['Secrets'] ?? []) as Record<string, unknown>[])
    ref['SecretID'] = idOf(secrets, ref['SecretName']);
  return copy;
}

const capture = (stacks: string[] | null = null): Promise<ClusterState> =>
  captureCluster({ docker, db, stacks });

describe('restore against the real swarm', () => {
  it('puts a removed stack back from by-name items, and then plans it all unchanged', async () => {
    await withDockerCleanup(docker, async (scope) => {
      const stack = await createStack(scope);
      const archive = await capture([stack]);
      const values = new Map([[`${stack}_pw`, SECRET_VALUE]]);
      const plan = (live: ClusterState) =>
        planRestore({
          archive,
          live,
          backupId: '20261127T224100Z-3f9a1c2b',
          stacks: [stack],
          secretValues: new Set(values.keys()),
        });

      expect(plan(await capture()).counts).toEqual({ create: 0, update: 0, unchanged: 5, skip: 0 });

      await removeStack(stack);
      const lost = plan(await capture());
      expect(lost.items.map((i) => `${i.action} ${i.kind} ${i.name}`)).toEqual([
        `create network ${stack}_net`,
        `create config ${stack}_conf`,
        `create secret ${stack}_pw`,
        `create service ${stack}_agent`,
        `create service ${stack}_api`,
      ]);

      const groups = toApplyGroups(lost, archive, values);
      expect(groups.map((g) => g.stack)).toEqual([stack]);
      for (const item of groups[0]?.items ?? []) await post(item);

      const restored = await capture([stack]);
      const again = plan(await capture());
      expect(again.items.filter((i) => i.action !== 'unchanged')).toEqual([]);
      expect(again.counts.unchanged).toBe(5);
      for (const before of archive.services) {
        const after = restored.services.find((s) => s.name === before.name);
        expect(after?.id).not.toBe(before.id);
        expect(normalizeServiceSpec(after?.spec, { networkNames: after?.networkNames ?? {} })).toEqual(
          normalizeServiceSpec(before.spec, { networkNames: before.networkNames }),
        );
      }
      expect(restored.networks.map((n) => normalizeNetworkSpec(n.spec))).toEqual(
        archive.networks.map((n) => normalizeNetworkSpec(n.spec)),
      );
      expect(restored.configs.map((c) => c.spec.Data)).toEqual(archive.configs.map((c) => c.spec.Data));
    });
  });

  it('plans an update naming the field when a live service drifted from the archive', async () => {
    await withDockerCleanup(docker, async (scope) => {
      const stack = await createStack(scope);
      const archive = await capture([stack]);
      const service = docker.getService(`${stack}_api`);
      const inspected = (await service.inspect()) as {
        Version: { Index: number };
        Spec: Record<string, unknown>;
      };
      const spec = structuredClone(inspected.Spec) as { TaskTemplate: { ContainerSpec: { Env: string[] } } };
      spec.TaskTemplate.ContainerSpec.Env = ['A=1'];
      await service.update({ ...spec, version: inspected.Version.Index });

      const planned = planRestore({
        archive,
        live: await capture(),
        backupId: '20261127T224100Z-3f9a1c2b',
        services: [`${stack}_api`],
        secretValues: new Set(),
      });
      expect(planned.items.find((i) => i.kind === 'service')).toEqual({
        kind: 'service',
        name: `${stack}_api`,
        stack,
        action: 'update',
        changes: [{ path: 'TaskTemplate.ContainerSpec.Env', old: ['A=1'], new: ['B=2', 'A=1'] }],
      });
    });
  });
});
