// Disaster recovery into a NEW swarm: two stacks (overlay networks, a config, a secret, labels, a placement
// constraint, a global service with a healthcheck) are deployed on the local one-node swarm through the real
// deployer and backed up (encrypted, the secret's value in an encrypted secrets file); then a fresh swarm is
// brought up (infra/lab: one manager, its own dockerd, another cluster id) with a second backup environment on
// it that shares the archive directory, and the archive is verified and restored there. Every service's
// normalized spec equals the original, networks, config data and secret names too, the services converge, the
// stack versions are in the new database, and a second restore changes nothing. One lab, ≤ 5 minutes.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { request } from '@swarmops/bus';
import { DeployerRpc, normalizeNetworkSpec, normalizeServiceSpec } from '@swarmops/contracts';
import type { BackupSummary, RestorePlan, VerifyResult } from '@swarmops/contracts';
import { createDockerClient } from '@swarmops/docker';
import { findLabLeftovers, startLab, TEST_IMAGE, uniqueName } from '@swarmops/testkit';
import type { Lab } from '@swarmops/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEncryptionKey, startBackupEnv } from '../fixtures/backup/backup-env.js';
import type { BackupEnv } from '../fixtures/backup/backup-env.js';
import { specDifferences, waitForConvergence } from '../fixtures/backup/cluster-snapshot.js';
import { writeSecretsFile } from '../fixtures/backup/secrets-file.js';
import { quietly } from '../fixtures/deployer/quietly.js';
import { removeStack } from '../fixtures/deployer/web-stack.js';
import { pollUntil } from '../fixtures/inventory/poll.js';

const run = promisify(execFile);
type Docker = ReturnType<typeof createDockerClient>;

const STACK_LABEL = 'com.docker.stack.namespace';
const KEY = newEncryptionKey();
const STACK_A = uniqueName('bk-lab-a');
const STACK_B = uniqueName('bk-lab-b');
const STACKS = [STACK_A, STACK_B];
const SECRET_VALUE = `s3cret-${uniqueName('v')}`;

/** Stack A: two services on two overlay networks, a config and a secret, labels, a manager constraint. */
const COMPOSE_A = `
services:
  api:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    init: true
    stop_grace_period: 2s
    environment:
      MODE: restore-test
    configs:
      - source: app
        target: /etc/app.conf
    secrets:
      - source: token
    networks: [front, back]
    deploy:
      replicas: 2
      endpoint_mode: dnsrr
      labels:
        tier: api
      placement:
        constraints: ["node.role == manager"]
      resources:
        limits:
          memory: 32M
  worker:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "exec sleep 3600"]
    init: true
    stop_grace_period: 2s
    networks: [back]
    deploy:
      replicas: 1
      update_config:
        parallelism: 1
        delay: 1s
networks:
  front:
    driver: overlay
    attachable: true
  back:
    driver: overlay
    labels:
      purpose: internal
configs:
  app:
    content: "port=8080\\nmode=restore\\n"
secrets:
  token:
    content: "${SECRET_VALUE}"
`;

/** Stack B: a global service with a healthcheck on the stack's default network. */
const COMPOSE_B = `
services:
  agent:
    image: ${TEST_IMAGE}
    command: ["sleep", "3600"]
    init: true
    stop_grace_period: 2s
    healthcheck:
      test: ["CMD", "true"]
      interval: 2s
      timeout: 10s
      retries: 3
    deploy:
      mode: global
      labels:
        role: agent
`;

let lab: Lab | undefined;
let source: BackupEnv | undefined;
let target: BackupEnv | undefined;
let workDir: string | undefined;
let passed = true;
let backup: BackupSummary | undefined;
const timings: Record<string, number> = {};

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    timings[what] = Date.now() - started;
  }
}

function ready(): { lab: Lab; source: BackupEnv; target: BackupEnv; backup: BackupSummary } {
  if (lab === undefined || source === undefined || target === undefined || backup === undefined)
    throw new Error('the lab, the two backup environments or the backup did not come up');
  return { lab, source, target, backup };
}

/** Fails the suite's `passed` flag (for the log tails in afterAll) when `body` throws. */
async function step(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    passed = false;
    throw err;
  }
}

interface ServiceInfo {
  ID: string;
  Version: { Index: number };
  Spec: { Name: string; Labels?: Record<string, string>; Mode?: { Replicated?: { Replicas?: number } } };
}
interface NetworkInfo {
  Id: string;
  Name: string;
  Labels?: Record<string, string>;
}
interface DataObject {
  ID: string;
  Spec?: { Name?: string; Labels?: Record<string, string>; Data?: string };
}

/** Every service, network, config and secret of `stacks` on `docker`, by name (specs normalized). */
async function stackObjects(docker: Docker, stacks: readonly string[]) {
  const inStacks = (labels: Record<string, string> | undefined) =>
    stacks.includes(labels?.[STACK_LABEL] ?? '');
  const services = ((await docker.listServices()) as unknown as ServiceInfo[]).filter((s) =>
    inStacks(s.Spec.Labels),
  );
  const allNetworks = (await docker.listNetworks()) as unknown as NetworkInfo[];
  const configs = ((await docker.listConfigs()) as unknown as DataObject[]).filter((c) =>
    inStacks(c.Spec?.Labels),
  );
  const secrets = ((await docker.listSecrets()) as unknown as DataObject[]).filter((c) =>
    inStacks(c.Spec?.Labels),
  );
  const networks = await Promise.all(
    allNetworks
      .filter((n) => inStacks(n.Labels))
      .map(async (n) => (await docker.getNetwork(n.Id).inspect()) as NetworkInfo),
  );
  return {
    services: new Map(services.map((s) => [s.Spec.Name, s])),
    networks: new Map(networks.map((n) => [n.Name, normalizeNetworkSpec(n)])),
    configs: new Map(configs.map((c) => [c.Spec?.Name ?? '', c.Spec?.Data ?? ''])),
    secrets: new Map(secrets.map((c) => [c.Spec?.Name ?? '', c.Spec?.Labels ?? {}])),
    networkNames: Object.fromEntries(allNetworks.map((n) => [n.Id, n.Name])),
  };
}

/** Normalized spec of every service, by name. */
function normalizedServices(objects: Awaited<ReturnType<typeof stackObjects>>) {
  return new Map(
    [...objects.services].map(([name, s]) => [
      name,
      normalizeServiceSpec(s.Spec, { networkNames: objects.networkNames }),
    ]),
  );
}

/** The plan items that are not `unchanged`, as `kind name action`. */
function changedItems(plan: RestorePlan | null): string[] {
  return (plan?.items ?? [])
    .filter((i) => i.action !== 'unchanged')
    .map((i) => `${i.kind} ${i.name} ${i.action}`);
}

describe('restore into a fresh swarm (infra/lab)', () => {
  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'chaos-backup-'));
    const backupDir = join(workDir, 'store');
    const secretsFile = join(workDir, 'secrets.yaml.enc');
    const backupEnv = { BACKUP_ENCRYPTION_KEY: KEY, BACKUP_SECRETS_FILE: secretsFile };
    // The lab and the source environment boot side by side.
    const [labOutcome, sourceOutcome] = await Promise.allSettled([
      timed('lab up', () => startLab({ nodes: 1, managers: 1, heartbeat: '1s' })),
      timed('source env up', () =>
        startBackupEnv({ name: 'chaos-backup-source', backupDir, backupEnv, inventory: false }),
      ),
    ]);
    if (labOutcome.status === 'fulfilled') lab = labOutcome.value;
    if (sourceOutcome.status === 'fulfilled') source = sourceOutcome.value;
    if (labOutcome.status === 'rejected') throw labOutcome.reason;
    if (sourceOutcome.status === 'rejected') throw sourceOutcome.reason;
    const src = source!;
    const labHost = lab!.managerHost;

    // The stacks, through the source deployer on the local swarm.
    await timed('deploy', async () => {
      for (const [name, compose] of [
        [STACK_A, COMPOSE_A],
        [STACK_B, COMPOSE_B],
      ] as const) {
        const reply = await request(
          src.nc,
          DeployerRpc.stackDeploy,
          { name, compose, wait: true },
          {
            timeoutMs: 300_000,
          },
        );
        expect(reply.status, `${name}: ${reply.error ?? ''}`).toBe('succeeded');
      }
    });
    const local = createDockerClient({ host: src.dockerHost, timeoutMs: 30_000 });
    const secretNames = [...(await stackObjects(local, STACKS)).secrets.keys()];
    expect(secretNames).toHaveLength(1);
    await writeSecretsFile(workDir, KEY, { [secretNames[0]!]: SECRET_VALUE });

    // Back up the two stacks (the local swarm holds other work too) while the target environment boots.
    const [backupOutcome, targetOutcome] = await Promise.allSettled([
      timed('backup', () => src.create({ stacks: STACKS, wait: true })),
      timed('target env up', () =>
        startBackupEnv({
          name: 'chaos-backup-target',
          dockerHost: labHost,
          backupDir,
          backupEnv,
          inventory: false,
        }),
      ),
    ]);
    if (targetOutcome.status === 'fulfilled') target = targetOutcome.value;
    if (backupOutcome.status === 'rejected') throw backupOutcome.reason;
    if (targetOutcome.status === 'rejected') throw targetOutcome.reason;
    backup = backupOutcome.value;
    console.log(
      `backup ${backup.backupId}: ${backup.sizeBytes} bytes, counts ${JSON.stringify(backup.counts)}`,
    );
  });

  afterAll(async () => {
    if (!passed)
      console.log(`--- source env\n${source?.logs() ?? ''}\n--- target env\n${target?.logs() ?? ''}`);
    await quietly(target?.stop({ passed }));
    if (lab !== undefined) console.log(`lab down in ${await lab.down()} ms`);
    if (source !== undefined) {
      const local = createDockerClient({ host: source.dockerHost, timeoutMs: 30_000 });
      for (const stack of STACKS) await quietly(removeStack(local, stack, 120_000));
      await quietly(source.stop({ passed }));
    }
    if (workDir !== undefined) await rm(workDir, { recursive: true, force: true });
    console.log(`timings (ms): ${JSON.stringify(timings)}`);
    expect(findLabLeftovers()).toEqual({ netns: [], cgroups: [], dockerdPids: [], dirs: [] });
  });

  it('sees the archive in the shared store and plans to create everything in the new cluster', async () => {
    await step(async () => {
      const { source: src, target: dst, backup: b } = ready();
      const listed = await dst.list();
      expect(listed.items.map((i) => i.backupId)).toContain(b.backupId);
      const verified: VerifyResult = await timed('verify (fresh)', () =>
        dst.verify({ backupId: b.backupId }),
      );
      expect(verified.problems).toEqual([]);
      expect(verified.valid).toBe(true);
      const plan = verified.plan!;
      console.log(`plan into the lab: ${JSON.stringify(plan.counts)}\n  ${changedItems(plan).join('\n  ')}`);
      expect(plan.sourceClusterId).toBe(b.clusterId);
      expect(plan.targetClusterId).not.toBe(plan.sourceClusterId);
      const local = createDockerClient({ host: src.dockerHost, timeoutMs: 30_000 });
      const original = await stackObjects(local, STACKS);
      const creates = (kind: string) =>
        plan.items
          .filter((i) => i.kind === kind && i.action === 'create')
          .map((i) => i.name)
          .sort();
      expect(creates('service')).toEqual([...original.services.keys()].sort());
      expect(creates('network')).toEqual([...original.networks.keys()].sort());
      expect(creates('config')).toEqual([...original.configs.keys()].sort());
      expect(creates('secret')).toEqual([...original.secrets.keys()].sort());
      // The lab's node is another host: its labels cannot be restored there.
      for (const node of plan.items.filter((i) => i.kind === 'node')) expect(node.action).toBe('skip');
    });
  });

  it('restores every object with equal specs, and the services converge', async () => {
    await step(async () => {
      const { lab: l, source: src, target: dst, backup: b } = ready();
      const result = await timed('restore', () => dst.restore({ backupId: b.backupId, wait: true }));
      console.log(
        `restore ${result.restoreId}: ${result.status}, deployments ${result.deploymentIds.length}, ` +
          `applied ${JSON.stringify(countBy(result.applied.map((a) => a.outcome)))}`,
      );
      expect(result.error).toBeNull();
      expect(result.status).toBe('succeeded');
      expect(result.applied.filter((a) => a.outcome === 'failed')).toEqual([]);
      // Announced on the target's event stream like any restore.
      await dst.events.waitFor(
        `backup.restore.succeeded of ${result.restoreId}`,
        (e) => e.type === 'backup.restore.succeeded' && e.data?.restoreId === result.restoreId,
      );
      expect(dst.events.ofRestore(result.restoreId).map((e) => e.type)).toContain('backup.restore.started');

      const local = createDockerClient({ host: src.dockerHost, timeoutMs: 30_000 });
      const labDocker = createDockerClient({ host: l.managerHost, timeoutMs: 30_000 });
      const names = [...(await stackObjects(labDocker, STACKS)).services.keys()];
      await timed('converge', () => waitForConvergence(labDocker, names, 180_000));
      const original = await stackObjects(local, STACKS);
      const restored = await stackObjects(labDocker, STACKS);
      const before = normalizedServices(original);
      const after = normalizedServices(restored);
      expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [name, spec] of before) {
        expect(specDifferences(spec, after.get(name)), `service ${name}`).toEqual([]);
      }
      expect([...restored.networks.keys()].sort()).toEqual([...original.networks.keys()].sort());
      for (const [name, spec] of original.networks) {
        expect(specDifferences(spec, restored.networks.get(name)), `network ${name}`).toEqual([]);
      }
      expect(restored.configs).toEqual(original.configs);
      expect(restored.secrets).toEqual(original.secrets);

      // The secret's value came from the secrets file: a task reads it at /run/secrets/token.
      const api = `${STACK_A}_api`;
      const value = await readSecretInTask(labDocker, l, api);
      expect(value).toBe(SECRET_VALUE);

      // The stack history is in the new database, compose text and all.
      const versions = async (e: BackupEnv) =>
        (
          await e.pg.pool.query<{ stack: string; version: number; compose: string }>(
            'select stack, version, compose from stack_versions where stack = any($1) order by stack, version',
            [STACKS],
          )
        ).rows;
      expect(await versions(dst)).toEqual(await versions(src));
    });
  });

  it('restores again without changing anything', async () => {
    await step(async () => {
      const { lab: l, target: dst, backup: b } = ready();
      const labDocker = createDockerClient({ host: l.managerHost, timeoutMs: 30_000 });
      const verified = await timed('verify (after restore)', () => dst.verify({ backupId: b.backupId }));
      expect(changedItems(verified.plan).filter((i) => !i.startsWith('node '))).toEqual([]);
      const versionsBefore = new Map(
        [...(await stackObjects(labDocker, STACKS)).services].map(([n, s]) => [n, s.Version.Index]),
      );
      const again = await timed('restore (again)', () => dst.restore({ backupId: b.backupId, wait: true }));
      expect(again.status).toBe('succeeded');
      expect(again.applied.filter((a) => a.outcome !== 'unchanged' && a.outcome !== 'skipped')).toEqual([]);
      const versionsAfter = new Map(
        [...(await stackObjects(labDocker, STACKS)).services].map(([n, s]) => [n, s.Version.Index]),
      );
      expect(versionsAfter).toEqual(versionsBefore);
    });
  });
});

/** `cat /run/secrets/token` in a running task of `service` on the lab's node (the node's own engine). */
async function readSecretInTask(docker: Docker, l: Lab, service: string): Promise<string> {
  const containerId = await pollUntil(
    `a running task of ${service}`,
    async () => {
      const tasks = (await docker.listTasks({
        filters: JSON.stringify({ service: [service], 'desired-state': ['running'] }),
      })) as { Status?: { State?: string; ContainerStatus?: { ContainerID?: string } } }[];
      return tasks.find((t) => t.Status?.State === 'running')?.Status?.ContainerStatus?.ContainerID;
    },
    { maxMs: 60_000, everyMs: 500 },
  );
  const { stdout } = await run(
    'docker',
    ['-H', l.managerHost, 'exec', containerId, 'cat', '/run/secrets/token'],
    {
      timeout: 60_000,
    },
  );
  return stdout;
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
