import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from '@swarmops/bus';
import {
  ArchivedNodeSchema,
  ArchivedServiceSchema,
  ArchivedStackSchema,
  DeployerRpc,
} from '@swarmops/contracts';
import type { RestorePlan, RestoreResult } from '@swarmops/contracts';
import { createTestDocker, ensureTestImage, requireDocker, uniqueName } from '@swarmops/testkit';
import { expect, it } from 'vitest';
import { archiveParts, storedArchive } from '../fixtures/backup/archive-files.js';
import { newEncryptionKey, startBackupEnv } from '../fixtures/backup/backup-env.js';
import type { BackupEnv } from '../fixtures/backup/backup-env.js';
import {
  cleanupScenario,
  deployScenario,
  readInTask,
  removeScenario,
  setLocalNodeLabel,
} from '../fixtures/backup/backup-scenario.js';
import { scenarioNames } from '../fixtures/backup/backup-stacks.js';
import {
  objectNames,
  serviceVersions,
  snapshotObjects,
  specDifferences,
  waitForConvergence,
} from '../fixtures/backup/cluster-snapshot.js';
import type { ObjectSnapshot } from '../fixtures/backup/cluster-snapshot.js';
import { writeSecretsFile } from '../fixtures/backup/secrets-file.js';
import { formatSteps } from '../fixtures/deployer/deploy-client.js';
import { quietly } from '../fixtures/deployer/quietly.js';

// Acceptance of #7, round trip: three stacks (overlay networks, configs, secrets, service/container/node labels,
// constraints) deployed through the deployer plus one standalone service; an encrypted backup of the whole
// cluster; everything removed; restored (secret values from the operator's encrypted secrets file); the
// normalized specs compared field by field with the originals and the services converged; a second restore
// plans only `unchanged` and changes nothing. The swarm is shared with other tests, so each restore is scoped to
// this test's objects: the three stacks, then the standalone service (with the objects it references).

/** Item lines that are not `unchanged`, for a readable failure. */
const notUnchanged = (plan: RestorePlan) =>
  plan.items
    .filter((i) => i.action !== 'unchanged')
    .map((i) => `${i.kind} ${i.name}: ${i.action} ${i.reason ?? ''}`);

/** Restores the test's scope: its stacks, then its standalone service. */
async function restoreScope(env: BackupEnv, backupId: string, stacks: string[], solo: string) {
  const byStacks = await env.restore({ backupId, stacks, timeoutSeconds: 240 });
  const bySolo = await env.restore({ backupId, services: [solo], timeoutSeconds: 240 });
  return [byStacks, bySolo];
}

function expectSucceededRestore(r: RestoreResult) {
  const failed = r.applied.filter((a) => a.outcome === 'failed');
  expect({ status: r.status, error: r.error, failed }).toEqual({
    status: 'succeeded',
    error: null,
    failed: [],
  });
}

/** Every difference between two snapshots' specs, by object (empty when equal). */
function snapshotDifferences(before: ObjectSnapshot, after: ObjectSnapshot): string[] {
  const out: string[] = [];
  for (const kind of ['networks', 'configs', 'secrets'] as const) {
    for (const [name, spec] of Object.entries(before[kind])) {
      out.push(...specDifferences(spec, after[kind][name]).map((d) => `${kind} ${name} ${d}`));
    }
  }
  for (const [name, s] of Object.entries(before.services)) {
    out.push(...specDifferences(s.spec, after.services[name]?.spec).map((d) => `service ${name} ${d}`));
  }
  return out;
}

it(
  'restores three stacks and a standalone service field for field after they are removed, and a second restore changes nothing',
  { timeout: 1_500_000 },
  async () => {
    await requireDocker();
    const docker = createTestDocker(undefined, 60_000);
    const image = await ensureTestImage(docker);
    const names = scenarioNames(uniqueName('bk-rt'), image);
    const stackNames = names.stacks.map((s) => s.name);
    const key = newEncryptionKey();
    const secretsDir = await mkdtemp(join(tmpdir(), 'swarmops-rt-'));
    const times: Record<string, number> = {};
    const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
      const started = Date.now();
      try {
        return await work();
      } finally {
        times[what] = Date.now() - started;
      }
    };
    let env: BackupEnv | undefined;
    let passed = false;
    try {
      env = await startBackupEnv({
        name: 'e2e-backup-round-trip',
        inventory: false,
        backupEnv: {
          BACKUP_ENCRYPTION_KEY: key,
          BACKUP_SECRETS_FILE: join(secretsDir, 'secrets.yaml.enc'),
        },
      });
      const deployed = await timed('deploy', () => deployScenario(env!.nc, docker, names, image));
      await timed('converge after deploy', () => waitForConvergence(docker, deployed.services));
      const before = await snapshotObjects(docker, names.run);
      const [shop, jobs, cache] = names.stacks.map((s) => s.name);
      expect(objectNames(before)).toMatchObject({
        services: [
          `${shop}_web`,
          `${jobs}_idle`,
          `${jobs}_worker`,
          `${cache}_cache`,
          names.solo.service,
        ].sort(),
        networks: [
          `${shop}_back`,
          `${shop}_front`,
          `${jobs}_jobs`,
          `${cache}_cache`,
          names.solo.network,
        ].sort(),
        secrets: Object.keys(deployed.secretValues).sort(),
      });
      expect(Object.keys(before.configs)).toHaveLength(4);
      expect(Object.keys(before.secrets)).toHaveLength(5);
      expect(deployed.services).toEqual(Object.keys(before.services));
      const hostname = await setLocalNodeLabel(docker, names.nodeLabel, 'yes');

      // The operator's secrets file, encrypted with the backup key through the documented CLI.
      const secretsFile = await writeSecretsFile(secretsDir, key, deployed.secretValues);
      for (const name of Object.keys(deployed.secretValues)) expect(secretsFile.checkOutput).toContain(name);
      for (const value of Object.values(deployed.secretValues))
        expect(secretsFile.checkOutput).not.toContain(value);

      const summary = await timed('backup', () => env!.create({}));
      expect(summary.encrypted).toBe(true);
      expect(summary.counts.services).toBeGreaterThanOrEqual(5);
      expect(summary.counts.stacks).toBeGreaterThanOrEqual(3);
      const { backupId } = summary;
      expect((await env.list()).items.map((i) => i.backupId)).toContain(backupId);
      expect(await env.get(backupId)).toEqual(summary);
      await env.events.waitFor(
        'backup.succeeded',
        (e) => e.type === 'backup.succeeded' && e.data?.backupId === backupId,
      );
      expect(env.events.ofType('backup.started', backupId)).toHaveLength(1);
      expect(env.events.ofType('backup.progress', backupId).length).toBeGreaterThan(0);

      // The archive as stored: encrypted, and it holds this test's services, stacks (with the deployed compose
      // files) and the node label; never a secret value.
      const stored = storedArchive(env.backupDir, backupId);
      expect(stored.encrypted).toBe(true);
      const archiveBytes = await readFile(stored.file);
      for (const value of Object.values(deployed.secretValues)) {
        expect(archiveBytes.includes(Buffer.from(value))).toBe(false);
      }
      const parts = await archiveParts(archiveBytes, key);
      const archivedServices = ArchivedServiceSchema.array().parse(parts.get('services.json'));
      expect(archivedServices.map((s) => s.name)).toEqual(expect.arrayContaining(deployed.services));
      for (const stack of names.stacks) {
        const archived = ArchivedStackSchema.parse(parts.get(`stacks/${stack.name}.json`));
        expect(archived.versions.map((v) => v.compose)).toEqual([stack.compose]);
      }
      const nodes = ArchivedNodeSchema.array().parse(parts.get('nodes.json'));
      expect(nodes.find((n) => n.hostname === hostname)?.labels[names.nodeLabel]).toBe('yes');
      // Secrets are metadata only. (The stacks' compose files are kept as deployed, so a secret given inline as
      // `content:` is in stacks/<name>.json, as in the deployer's own records: that is why archives are encrypted.)
      const plain = JSON.stringify([...parts].filter(([path]) => !path.startsWith('stacks/')));
      for (const value of Object.values(deployed.secretValues)) expect(plain).not.toContain(value);

      // Everything lost.
      await timed('remove', () => removeScenario(env!.nc, docker, names));
      expect(objectNames(await snapshotObjects(docker, names.run))).toEqual({
        services: [],
        networks: [],
        configs: [],
        secrets: [],
      });

      const verified = await timed('verify', () => env!.verify({ backupId, stacks: stackNames }));
      expect({ valid: verified.valid, problems: verified.problems }).toEqual({ valid: true, problems: [] });
      const planned = verified.plan!;
      const creates = planned.items.filter((i) => i.action === 'create');
      for (const service of deployed.services.filter((s) => s !== names.solo.service)) {
        expect(creates.map((i) => `${i.kind} ${i.name}`)).toContain(`service ${service}`);
      }
      expect(planned.items.filter((i) => i.action === 'skip')).toEqual([]);

      const timelines: string[] = [];
      const restored = await timed('restore', () =>
        restoreScope(env!, backupId, stackNames, names.solo.service),
      );
      for (const r of restored) expectSucceededRestore(r);
      for (const id of restored.flatMap((r) => r.deploymentIds)) {
        const deployment = await request(env.nc, DeployerRpc.deploymentsGet, { id }, { timeoutMs: 10_000 });
        expect(deployment.kind).toBe('restore');
        timelines.push(`${deployment.stack} ${deployment.status}:\n${formatSteps(deployment)}`);
        // A secret's value is never in the deployer's record.
        for (const value of Object.values(deployed.secretValues)) {
          expect(JSON.stringify(deployment)).not.toContain(value);
        }
      }
      const restoreIds = restored.map((r) => r.restoreId);
      for (const id of restoreIds) {
        await env.events.waitFor(
          `restore ${id} succeeded`,
          (e) => e.type === 'backup.restore.succeeded' && e.data?.restoreId === id,
        );
      }
      await timed('converge after restore', () => waitForConvergence(docker, deployed.services));

      const after = await snapshotObjects(docker, names.run);
      expect(objectNames(after)).toEqual(objectNames(before));
      expect(snapshotDifferences(before, after)).toEqual([]);
      expect(after.configs).toEqual(before.configs);
      // The secret values came back from the secrets file: read them where the tasks mount them.
      const [shopStack, jobsStack, cacheStack] = names.stacks;
      const mounted = [
        [`${shop}_web`, 'token', shopStack?.secrets.token],
        [`${jobs}_worker`, 'signing', jobsStack?.secrets.signing],
        [`${cache}_cache`, 'password', cacheStack?.secrets.password],
      ] as const;
      for (const [service, file, value] of mounted) {
        expect(await readInTask(docker, service, `/run/secrets/${file}`)).toBe(value);
      }
      expect(await readInTask(docker, names.solo.service, '/run/secrets/solo')).toBe(names.solo.secretValue);

      // Idempotent: the same restore again plans nothing but `unchanged` and no service changes.
      const again = await timed('restore again', () =>
        restoreScope(env!, backupId, stackNames, names.solo.service),
      );
      for (const r of again) {
        expectSucceededRestore(r);
        expect(notUnchanged(r.plan)).toEqual([]);
        expect(r.applied.filter((a) => a.outcome !== 'unchanged' && a.outcome !== 'skipped')).toEqual([]);
      }
      const final = await snapshotObjects(docker, names.run);
      expect(serviceVersions(final)).toEqual(serviceVersions(after));
      expect(snapshotDifferences(after, final)).toEqual([]);

      console.log(
        `backup round trip (ms): ${JSON.stringify(times)}; archive ${summary.sizeBytes} bytes, ` +
          `counts ${JSON.stringify(summary.counts)}; startup ${JSON.stringify(env.startupMs)}`,
      );
      console.log(`restore deployments:\n${timelines.join('\n')}`);
      passed = true;
    } finally {
      await quietly(env?.stop({ passed }));
      await cleanupScenario(docker, names);
      await quietly(rm(secretsDir, { recursive: true, force: true }));
    }
  },
);
