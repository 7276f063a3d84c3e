import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ArchivedConfigSchema,
  ArchivedNetworkSchema,
  ArchivedNodeSchema,
  ArchivedSecretSchema,
  ArchivedServiceSchema,
  ArchivedStackSchema,
  ArchivedSwarmSchema,
} from '@swarmops/contracts';
import { createDatabase, stackVersions } from '@swarmops/db';
import type { Database } from '@swarmops/db';
import { ensureTestImage, pgFixture, requireDocker, TEST_IMAGE, withDockerCleanup } from '@swarmops/testkit';
import type { DockerTestScope, PgFixture } from '@swarmops/testkit';
import type { ClusterState } from '../domain/cluster-state.js';
import { STACK_LABEL } from '../domain/cluster-state.js';
import { captureCluster } from './capture-cluster.js';

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

/** What a test created: names of its two stacks and its objects. */
interface Fixture {
  shop: string;
  blog: string;
  shopNet: { id: string; name: string };
  sharedNet: { id: string; name: string };
  blogNet: { id: string; name: string };
  names: {
    web: string;
    blogApp: string;
    solo: string;
    shopConf: string;
    sharedConf: string;
    shopPw: string;
    sharedPw: string;
    blogConf: string;
  };
}

// Two "stacks" (objects carrying the stack label, as stack deploy and the deployer make them), shared
// objects outside any stack that one stack's service uses, and a standalone service.
async function createCluster({ labels, name }: DockerTestScope): Promise<Fixture> {
  const shop = name('shop');
  const blog = name('blog');
  const inStack = (stack: string) => ({ ...labels, [STACK_LABEL]: stack });
  const names = {
    web: `${shop}_web`,
    blogApp: `${blog}_app`,
    solo: name('solo'),
    shopConf: `${shop}_conf`,
    sharedConf: name('shared-conf'),
    shopPw: `${shop}_pw`,
    sharedPw: name('shared-pw'),
    blogConf: `${blog}_conf`,
  };
  const network = async (netName: string, netLabels: Record<string, string>) => {
    const created = await docker.createNetwork({
      Name: netName,
      Driver: 'overlay',
      Attachable: true,
      Labels: netLabels,
      Options: { 'swarmops.test.option': 'kept' },
    });
    return { id: created.id, name: netName };
  };
  const shopNet = await network(`${shop}_front`, inStack(shop));
  const sharedNet = await network(name('shared-net'), labels);
  const blogNet = await network(`${blog}_default`, inStack(blog));
  const config = async (n: string, data: string, l: Record<string, string>) =>
    (
      (await docker.createConfig({ Name: n, Labels: l, Data: Buffer.from(data).toString('base64') })) as {
        id: string;
      }
    ).id;
  const secret = async (n: string, l: Record<string, string>) =>
    (
      (await docker.createSecret({
        Name: n,
        Labels: l,
        Data: Buffer.from('s3cret-value').toString('base64'),
      })) as { id: string }
    ).id;
  const shopConfId = await config(names.shopConf, 'shop config\n', inStack(shop));
  const sharedConfId = await config(names.sharedConf, 'shared config\n', labels);
  await config(names.blogConf, 'blog config\n', inStack(blog));
  const shopPwId = await secret(names.shopPw, inStack(shop));
  const sharedPwId = await secret(names.sharedPw, labels);

  const base = (svcName: string, svcLabels: Record<string, string>) => ({
    Name: svcName,
    Labels: svcLabels,
    Mode: { Replicated: { Replicas: 0 } },
  });
  await docker.createService({
    ...base(names.web, { ...inStack(shop), tier: 'front' }),
    TaskTemplate: {
      ContainerSpec: {
        Image: TEST_IMAGE,
        Command: ['sleep', '3600'],
        Labels: { 'container.label': 'x' },
        Configs: [
          {
            ConfigID: shopConfId,
            ConfigName: names.shopConf,
            File: { Name: '/etc/shop.conf', UID: '0', GID: '0', Mode: 0o444 },
          },
          {
            ConfigID: sharedConfId,
            ConfigName: names.sharedConf,
            File: { Name: '/etc/shared.conf', UID: '0', GID: '0', Mode: 0o444 },
          },
        ],
        Secrets: [
          {
            SecretID: shopPwId,
            SecretName: names.shopPw,
            File: { Name: 'shop_pw', UID: '0', GID: '0', Mode: 0o400 },
          },
          {
            SecretID: sharedPwId,
            SecretName: names.sharedPw,
            File: { Name: 'shared_pw', UID: '0', GID: '0', Mode: 0o400 },
          },
        ],
      },
      Placement: { Constraints: ['node.role == manager'] },
      Networks: [{ Target: shopNet.id, Aliases: ['web'] }, { Target: sharedNet.name }],
    },
  });
  await docker.createService({
    ...base(names.blogApp, inStack(blog)),
    TaskTemplate: { ContainerSpec: { Image: TEST_IMAGE } },
    // The deprecated top-level form, which older clients still send.
    Networks: [{ Target: blogNet.id }],
  });
  await docker.createService({
    ...base(names.solo, labels),
    TaskTemplate: { ContainerSpec: { Image: TEST_IMAGE } },
  });
  return { shop, blog, shopNet, sharedNet, blogNet, names };
}

async function recordVersions(clusterId: string, stack: string, count: number): Promise<void> {
  for (let version = 1; version <= count; version++) {
    await db.insert(stackVersions).values({
      clusterId,
      stack,
      version,
      compose: `services:\n  web:\n    image: ${TEST_IMAGE} # v${version}\n`,
      env: { TAG: `v${version}` },
      strategy: 'rolling',
      deploymentId: randomUUID(),
      deployedAt: new Date(Date.UTC(2026, 10, 27, 10, version)),
    });
  }
}

const byName = <T extends { name: string }>(items: T[], name: string): T | undefined =>
  items.find((item) => item.name === name);

function expectValidParts(state: ClusterState): void {
  ArchivedSwarmSchema.parse(state.swarm);
  for (const n of state.nodes) ArchivedNodeSchema.parse(n);
  for (const n of state.networks) ArchivedNetworkSchema.parse(n);
  for (const c of state.configs) ArchivedConfigSchema.parse(c);
  for (const s of state.secrets) ArchivedSecretSchema.parse(s);
  for (const s of state.services) ArchivedServiceSchema.parse(s);
  for (const s of state.stacks) ArchivedStackSchema.parse(s);
}

describe('captureCluster against the real swarm', () => {
  it('captures the swarm, nodes, networks, configs with data, secret metadata, specs and versions exactly', async () => {
    await withDockerCleanup(docker, async (scope) => {
      const f = await createCluster(scope);
      const swarm = (await docker.swarmInspect()) as { ID: string; Spec: Record<string, unknown> };
      await recordVersions(swarm.ID, f.shop, 2);
      await recordVersions('another-cluster', f.shop, 3);

      const started = performance.now();
      const state = await captureCluster({ docker, db });
      console.log(
        `capture of the whole swarm (${state.services.length} services): ${(performance.now() - started).toFixed(0)} ms`,
      );
      expectValidParts(state);

      expect(state.clusterId).toBe(swarm.ID);
      expect(state.swarm?.spec).toEqual(swarm.Spec);
      expect(JSON.stringify(state)).not.toContain('SWMTKN');
      const nodes = (await docker.listNodes()) as { ID: string; Description: { Hostname: string } }[];
      expect(state.nodes.map((n) => n.hostname).sort()).toEqual(
        nodes.map((n) => n.Description.Hostname).sort(),
      );

      const names = state.networks.map((n) => n.name);
      expect(names).toEqual(expect.arrayContaining([f.shopNet.name, f.sharedNet.name, f.blogNet.name]));
      expect(names).not.toContain('ingress');
      expect(names).not.toContain('bridge');
      expect(byName(state.networks, f.shopNet.name)).toMatchObject({
        id: f.shopNet.id,
        stack: f.shop,
        spec: {
          Name: f.shopNet.name,
          Driver: 'overlay',
          Scope: 'swarm',
          Attachable: true,
          Options: { 'swarmops.test.option': 'kept' },
          Labels: { ...scope.labels, [STACK_LABEL]: f.shop },
        },
      });

      const shopConf = byName(state.configs, f.names.shopConf);
      expect(Buffer.from(shopConf?.spec.Data ?? '', 'base64').toString()).toBe('shop config\n');
      expect(shopConf?.stack).toBe(f.shop);
      const shopPw = byName(state.secrets, f.names.shopPw);
      expect(shopPw?.spec).toEqual({
        Name: f.names.shopPw,
        Labels: { ...scope.labels, [STACK_LABEL]: f.shop },
      });
      expect(JSON.stringify(state)).not.toContain(Buffer.from('s3cret-value').toString('base64'));

      for (const svc of [f.names.web, f.names.blogApp, f.names.solo]) {
        const live = (await docker.getService(svc).inspect()) as { ID: string; Spec: unknown };
        const captured = byName(state.services, svc);
        expect(captured?.id).toBe(live.ID);
        expect(captured?.spec).toEqual(live.Spec);
      }
      const web = byName(state.services, f.names.web);
      expect(web?.stack).toBe(f.shop);
      expect(web?.networkNames).toEqual({
        [f.shopNet.id]: f.shopNet.name,
        [f.sharedNet.id]: f.sharedNet.name,
      });
      expect(byName(state.services, f.names.solo)?.stack).toBeNull();
      expect(byName(state.services, f.names.blogApp)?.networkNames).toEqual({
        [f.blogNet.id]: f.blogNet.name,
      });

      expect(byName(state.stacks, f.shop)).toEqual({
        name: f.shop,
        services: [f.names.web],
        versions: [1, 2].map((version) => ({
          version,
          compose: `services:\n  web:\n    image: ${TEST_IMAGE} # v${version}\n`,
          env: { TAG: `v${version}` },
          strategy: 'rolling',
          deployedAt: new Date(Date.UTC(2026, 10, 27, 10, version)).toISOString(),
        })),
      });
      expect(byName(state.stacks, f.blog)).toEqual({
        name: f.blog,
        services: [f.names.blogApp],
        versions: [],
      });
    });
  });

  it('with stacks, leaves out other stacks and standalone services but keeps what the stack uses', async () => {
    await withDockerCleanup(docker, async (scope) => {
      const f = await createCluster(scope);
      const swarm = (await docker.swarmInspect()) as { ID: string };
      await recordVersions(swarm.ID, f.shop, 1);
      await recordVersions(swarm.ID, f.blog, 2);

      const state = await captureCluster({ docker, db, stacks: [f.shop] });
      expectValidParts(state);
      expect(state.services.map((s) => s.name)).toEqual([f.names.web]);
      expect(state.networks.map((n) => n.name).sort()).toEqual([f.sharedNet.name, f.shopNet.name].sort());
      expect(state.configs.map((c) => c.name).sort()).toEqual([f.names.sharedConf, f.names.shopConf].sort());
      expect(state.secrets.map((s) => s.name).sort()).toEqual([f.names.sharedPw, f.names.shopPw].sort());
      expect(state.stacks.map((s) => s.name)).toEqual([f.shop]);
      expect(state.stacks[0]?.versions.map((v) => v.version)).toEqual([1]);
      expect(state.swarm?.clusterId).toBe(swarm.ID);
      expect(state.nodes.length).toBeGreaterThan(0);
    });
  });

  it('refuses a stack that has nothing on the swarm and no recorded versions', async () => {
    await expect(captureCluster({ docker, db, stacks: ['no-such-stack-x9q'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no-such-stack-x9q') as string,
    });
  });
});
