import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from '@swarmops/bus';
import { DeployerRpc } from '@swarmops/contracts';
import type { BackupProblem, DeploymentSummary } from '@swarmops/contracts';
import { createTestDocker, ensureTestImage, requireDocker, uniqueName } from '@swarmops/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyArchive,
  decryptArchive,
  editArchive,
  encryptArchive,
  flipByte,
} from '../fixtures/backup/archive-files.js';
import type { TarEntry } from '../fixtures/backup/archive-files.js';
import { newEncryptionKey, startBackupEnv } from '../fixtures/backup/backup-env.js';
import type { BackupEnv } from '../fixtures/backup/backup-env.js';
import {
  cleanupScenario,
  deployStacks,
  removeStacks,
  setLocalNodeLabel,
  stackSecretValues,
} from '../fixtures/backup/backup-scenario.js';
import { scenarioNames } from '../fixtures/backup/backup-stacks.js';
import type { TestStack } from '../fixtures/backup/backup-stacks.js';
import {
  objectNames,
  serviceVersions,
  snapshotObjects,
  specDifferences,
  waitForConvergence,
} from '../fixtures/backup/cluster-snapshot.js';
import type { ObjectSnapshot } from '../fixtures/backup/cluster-snapshot.js';
import { writeSecretsFile } from '../fixtures/backup/secrets-file.js';
import { quietly } from '../fixtures/deployer/quietly.js';

// Acceptance of #7, bad archives: copies of a good encrypted archive in the store with one byte flipped (in the
// file, and inside a part), a part dropped (the manifest kept), or encrypted with another key. Verify says
// valid=false with the problem's code, restore refuses with a clear error, and nothing in the cluster changes:
// the test's objects, their versions and the deployer's records are the same before and after. Then a restore
// scoped to one stack of the good archive puts back that stack only.

/** The problem codes of a verify, sorted, with the parts they name. */
const codes = (problems: readonly BackupProblem[]) => problems.map((p) => p.code).sort();

describe('backup bad archives', { timeout: 900_000 }, () => {
  const run = uniqueName('bk-bad');
  const key = newEncryptionKey();
  let docker: ReturnType<typeof createTestDocker>;
  let names: ReturnType<typeof scenarioNames>;
  let stacks: TestStack[];
  let env: BackupEnv | undefined;
  let secretsDir: string | undefined;
  let backupId: string;
  let before: ObjectSnapshot;
  let deploymentsBefore: DeploymentSummary[];
  let passed = true;

  const deployments = async () =>
    (await request(env!.nc, DeployerRpc.deploymentsList, { limit: 100 }, { timeoutMs: 10_000 })).items;

  /** Verify refuses with `code` naming `part`, restore refuses with INVALID_REQUEST naming it, nothing changes. */
  async function expectRefused(id: string, code: BackupProblem['code'], part: string | null) {
    const verified = await env!.verify({ backupId: id });
    expect({ valid: verified.valid, plan: verified.plan }).toEqual({ valid: false, plan: null });
    expect(codes(verified.problems)).toContain(code);
    if (part !== null) expect(verified.problems.find((p) => p.code === code)?.part).toBe(part);
    for (const p of verified.problems) expect(p.message.length).toBeGreaterThan(10);
    const refusal = await env!.restore({ backupId: id }).then(
      () => new Error('restore of a bad archive succeeded'),
      (err: unknown) => err,
    );
    expect(refusal).toMatchObject({ code: 'INVALID_REQUEST' });
    expect((refusal as Error).message).toContain(code);
    expect((refusal as Error).message).toContain('nothing was restored');
    const dryRun = await env!.restore({ backupId: id, dryRun: true }).catch((err: unknown) => err);
    expect(dryRun).toMatchObject({ code: 'INVALID_REQUEST' });
    const after = await snapshotObjects(docker, run);
    expect(objectNames(after)).toEqual(objectNames(before));
    expect(serviceVersions(after)).toEqual(serviceVersions(before));
    expect(await deployments()).toEqual(deploymentsBefore);
    return verified;
  }

  beforeAll(async () => {
    try {
      await setUp();
    } catch (err) {
      passed = false;
      throw err;
    }
  }, 900_000);

  async function setUp() {
    await requireDocker();
    docker = createTestDocker(undefined, 60_000);
    const image = await ensureTestImage(docker);
    names = scenarioNames(run, image);
    // jobs (a global and a zero-replica service) and cache (the node-label constraint).
    stacks = names.stacks.slice(1);
    secretsDir = await mkdtemp(join(tmpdir(), 'swarmops-bad-'));
    env = await startBackupEnv({
      name: 'e2e-backup-bad-archives',
      inventory: false,
      backupEnv: { BACKUP_ENCRYPTION_KEY: key, BACKUP_SECRETS_FILE: join(secretsDir, 'secrets.yaml.enc') },
    });
    await setLocalNodeLabel(docker, names.nodeLabel, 'yes');
    await deployStacks(env.nc, stacks);
    await writeSecretsFile(secretsDir, key, await stackSecretValues(docker, stacks));
    const summary = await env.create({ stacks: stacks.map((s) => s.name) });
    backupId = summary.backupId;
    expect(summary.stacks).toEqual(stacks.map((s) => s.name).sort());
    const good = await env.verify({ backupId });
    expect({ valid: good.valid, problems: good.problems }).toEqual({ valid: true, problems: [] });
    await waitForConvergence(docker, Object.keys((await snapshotObjects(docker, run)).services));
    before = await snapshotObjects(docker, run);
    deploymentsBefore = await deployments();
  }

  afterAll(async () => {
    await quietly(env?.stop({ passed }));
    if (names !== undefined) await cleanupScenario(docker, names);
    if (secretsDir !== undefined) await quietly(rm(secretsDir, { recursive: true, force: true }));
  }, 300_000);

  const track = (body: () => Promise<void>) => async () => {
    try {
      await body();
    } catch (err) {
      passed = false;
      throw err;
    }
  };

  it(
    'refuses a file with one byte flipped (decrypt-failed: the GCM tag no longer matches)',
    track(async () => {
      const id = await copyArchive(env!.backupDir, backupId, (bytes) =>
        flipByte(bytes, Math.floor(bytes.length / 2)),
      );
      await expectRefused(id, 'decrypt-failed', null);
    }),
  );

  it(
    'refuses a part with one byte flipped inside a valid encryption (checksum-mismatch naming services.json)',
    track(async () => {
      const id = await copyArchive(env!.backupDir, backupId, (bytes) =>
        editArchive(bytes, key, (entries) =>
          entries.map((e): TarEntry => {
            if (e.path !== 'services.json') return e;
            // Still valid JSON: one letter of a command changes case.
            const at = e.data.indexOf('sleep');
            expect(at).toBeGreaterThan(0);
            return { path: e.path, data: flipCase(e.data, at) };
          }),
        ),
      );
      await expectRefused(id, 'checksum-mismatch', 'services.json');
    }),
  );

  it(
    'refuses an archive with a part dropped and the manifest kept (missing-part naming configs.json)',
    track(async () => {
      const id = await copyArchive(env!.backupDir, backupId, (bytes) =>
        editArchive(bytes, key, (entries) => {
          expect(entries[0]?.path).toBe('manifest.json');
          expect(entries.map((e) => e.path)).toContain('configs.json');
          return entries.filter((e) => e.path !== 'configs.json');
        }),
      );
      await expectRefused(id, 'missing-part', 'configs.json');
    }),
  );

  it(
    'refuses an archive encrypted with another key (decrypt-failed: wrong key)',
    track(async () => {
      const id = await copyArchive(env!.backupDir, backupId, (bytes) =>
        encryptArchive(decryptArchive(bytes, key), newEncryptionKey()),
      );
      const verified = await expectRefused(id, 'decrypt-failed', null);
      expect(verified.problems.map((p) => p.message).join(' ')).toContain('BACKUP_ENCRYPTION_KEY');
    }),
  );

  it(
    'restores one stack of the good archive and leaves the other alone',
    track(async () => {
      expect(env!.events.events.filter((e) => e.type.startsWith('backup.restore.'))).toEqual([]);
      const [lost, kept] = stacks;
      await removeStacks(env!.nc, [lost!]);
      // Restore at once: Swarm deletes a removed overlay network lazily (PendingDelete) and still lists it for
      // a while after the deployer's remove succeeded; the restore must not depend on that having settled.
      const lingering = await stackNetworks(docker, lost!.name);
      console.log(`networks of ${lost!.name} still listed when the restore starts: ${lingering.join(', ')}`);
      const keptVersions = serviceVersions(await snapshotObjects(docker, run));
      const result = await env!.restore({ backupId, stacks: [lost!.name], timeoutSeconds: 240 });
      expect({ status: result.status, error: result.error, applied: result.applied }).toMatchObject({
        status: 'succeeded',
        error: null,
      });
      expect(result.plan.stacks).toEqual([lost!.name]);
      const outside = result.plan.items.filter((i) => i.stack !== lost!.name);
      expect(outside).toEqual([]);
      expect(result.plan.counts.create).toBeGreaterThan(0);
      const after = await snapshotObjects(docker, run);
      await waitForConvergence(docker, Object.keys(after.services));
      expect(objectNames(after)).toEqual(objectNames(before));
      for (const [name, s] of Object.entries(before.services)) {
        expect(specDifferences(s.spec, after.services[name]?.spec)).toEqual([]);
      }
      // The other stack was not touched: same service versions as before the restore.
      for (const [name, version] of Object.entries(keptVersions)) {
        if (name.startsWith(`${kept!.name}_`)) expect(after.services[name]?.version).toBe(version);
      }
    }),
  );
});

/** The names of the networks of `stack` Docker lists now. */
async function stackNetworks(docker: ReturnType<typeof createTestDocker>, stack: string): Promise<string[]> {
  const filters = JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] });
  return (await docker.listNetworks({ filters })).map((n) => n.Name);
}

function flipCase(data: Buffer, at: number): Buffer {
  const copy = Buffer.from(data);
  copy[at] = (copy[at] ?? 0) ^ 0x20;
  return copy;
}
