import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAppError } from '@swarmops/contracts';
import {
  ensureTestImage,
  removeLabeled,
  requireDocker,
  TEST_LABEL,
  testDockerHost,
  uniqueName,
} from '@swarmops/testkit';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertCompose } from './index.js';
import { differenceKey, readAllowList } from './parity/allow-list.js';
import { createDesiredStack } from './parity/create-desired.js';
import { diffSpecs, type SpecDifference } from './parity/diff.js';
import { dockerStackDeploy } from './parity/docker-cli.js';
import {
  declaredSubnets,
  fixtureEnv,
  inlineFileObjects,
  listFixtures,
  type ExternalNames,
  type ParityFixture,
} from './parity/fixtures.js';
import { generateMalformedCases } from './parity/malformed-cases.js';
import { normalizeStack } from './parity/normalize.js';
import { removeStack, stackServiceNames } from './parity/remove-stack.js';
import { readStack } from './parity/snapshot.js';
import { extendedComposeSchema } from './schema-extensions.js';
import type { PolicyAllowance } from './types.js';

const DOC = join(dirname(fileURLToPath(import.meta.url)), '../../../../docs/compose-parity.md');
// Fixtures run as independent pipelines; this many at once keeps a 2-core engine responsive.
const CONCURRENCY = 6;

interface FixtureDifference extends SpecDifference {
  fixture: string;
}

let docker: Docker;
let run: string;
let image: string;
let external: ExternalNames;

beforeAll(async () => {
  docker = await requireDocker();
  image = await ensureTestImage(docker);
  run = uniqueName('par');
  const labels = { [TEST_LABEL]: run };
  external = {
    run,
    network: `${run}-ext-net`,
    config: `${run}-ext-cfg`,
    secret: `${run}-ext-sec`,
    volume: `${run}-ext-vol`,
  };
  await docker.createVolume({ Name: external.volume, Labels: labels });
  await docker.createNetwork({ Name: external.network, Driver: 'overlay', Attachable: true, Labels: labels });
  await docker.createConfig({
    Name: external.config,
    Labels: labels,
    Data: Buffer.from('shared\n').toString('base64'),
  });
  await docker.createSecret({
    Name: external.secret,
    Labels: labels,
    Data: Buffer.from('token\n').toString('base64'),
  });
});

afterAll(async () => {
  if (docker === undefined || run === undefined) return;
  await removeLabeled(docker, run, 60_000);
  // removeLabeled leaves volumes alone; every stack (and so every task using it) is gone by now.
  await docker
    .getVolume(external.volume)
    .remove()
    .catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
});

// Deploys the fixture with the docker CLI (stack A), reads it back and removes it (published ports and
// declared subnets are cluster-wide), then creates the converter's output (stack B) and reads it back.
async function compareFixture(fixture: ParityFixture, index: number): Promise<FixtureDifference[]> {
  const stackA = `${run}-${index}a`;
  const stackB = `${run}-${index}b`;
  const env = fixtureEnv(image, external);
  const policy: PolicyAllowance = { bindMountPrefixes: ['/tmp'], trustedStacks: [stackB] };
  try {
    await dockerStackDeploy(fixture.path, stackA, { dockerHost: testDockerHost(), env });
    const a = await readStack(docker, stackA);
    await removeStack(docker, stackA);
    const desired = convertCompose({ stack: stackB, compose: inlineFileObjects(fixture), env, policy });
    await createDesiredStack(docker, desired);
    const b = await readStack(docker, stackB);
    const subnets = declaredSubnets(fixture);
    const left = normalizeStack(a, { stack: stackA, declaredSubnets: subnets });
    const right = normalizeStack(b, { stack: stackB, declaredSubnets: subnets });
    expect(Object.keys(right.services).sort(), `${fixture.id}: services`).toEqual(
      Object.keys(left.services).sort(),
    );
    return diffSpecs(left, right).map((d) => ({ fixture: fixture.id, ...d }));
  } finally {
    await Promise.all([removeStack(docker, stackA), removeStack(docker, stackB)]);
  }
}

async function mapLimit<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

describe('compose parity with docker stack deploy', () => {
  it('creates the same normalized specs as docker stack deploy for every fixture, but for the documented differences', async () => {
    const fixtures = listFixtures();
    expect(fixtures.length).toBeGreaterThanOrEqual(22);
    const found = (await mapLimit(fixtures, CONCURRENCY, compareFixture)).flat();
    const allowed = readAllowList(DOC);
    const matches = (d: FixtureDifference, a: { fixture: string; path: string }): boolean =>
      (a.fixture === '*' || a.fixture === d.fixture) && a.path === d.path;
    const unexplained = found
      .filter((d) => !allowed.some((a) => matches(d, a)))
      .map(
        (d) =>
          `${differenceKey(d.fixture, d.path)}: docker ${JSON.stringify(d.docker)} swarmops ${JSON.stringify(d.swarmops)}`,
      );
    const unused = allowed
      .filter((a) => !found.some((d) => matches(d, a)))
      .map((a) => differenceKey(a.fixture, a.path));
    expect(unexplained, 'differences not documented in docs/compose-parity.md').toEqual([]);
    expect(unused, 'documented differences that no longer occur').toEqual([]);
  });

  it('creates nothing for refused malformed files', async () => {
    const sample = generateMalformedCases(extendedComposeSchema(), 1000).filter((_, i) => i % 20 === 0);
    const policy: PolicyAllowance = { bindMountPrefixes: [], trustedStacks: [] };
    for (const [i, c] of sample.entries()) {
      const stack = `${run}-m${i}`;
      let refused = false;
      let created: string[] = [];
      try {
        // What a deploy does with the file: convert, then create what the conversion returned.
        await createDesiredStack(docker, convertCompose({ stack, compose: c.compose, env: c.env, policy }));
      } catch (error) {
        refused = isAppError(error);
      } finally {
        created = await stackServiceNames(docker, stack);
        if (created.length > 0) await removeStack(docker, stack);
      }
      expect(created, `case #${c.id} (${c.kind}) created services`).toEqual([]);
      expect(refused, `case #${c.id} (${c.kind}) refused with an AppError`).toBe(true);
    }
  });
});
