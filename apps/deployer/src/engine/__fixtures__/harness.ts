import { randomUUID } from 'node:crypto';
import type Dockerode from 'dockerode';
import { AppError } from '@swarmops/contracts';
import { silentLogger } from '@swarmops/bus';
import { createMetrics } from '@swarmops/runtime';
import { ensureTestImage, pgFixture, removeLabeled, requireDocker, uniqueName } from '@swarmops/testkit';
import type { PgFixture } from '@swarmops/testkit';
import type { JetStreamClient } from '@nats-io/jetstream';
import { createDeploymentEvents } from '../../adapters/deployment-events.js';
import { createDeploymentsRepo } from '../../adapters/deployments-repo.js';
import { createRestoreDocker } from '../../adapters/docker-restore.js';
import { createStackDocker } from '../../adapters/docker-stack.js';
import type { DesiredStack } from '../../compose/types.js';
import { createDeployerMetrics } from '../../metrics.js';
import { createEngine } from '../engine.js';
import type { Engine } from '../engine.js';
import type { ConvertCompose, EngineDeps } from '../types.js';

/** A real engine on the real swarm and a fresh database, for one test. */
export interface EngineHarness {
  engine: Engine;
  deps: EngineDeps;
  docker: Dockerode;
  pg: PgFixture;
  stack: string;
  /** Registers the DesiredStack the fake converter returns for compose text `key`. */
  define(key: string, build: (stack: string) => DesiredStack): void;
  /** A second engine on the same database (another deployer process). */
  another(owner: string): Engine;
  cleanup(): Promise<void>;
}

/** Options of {@link createHarness}. */
export interface HarnessOptions {
  heartbeatSeconds?: number;
  js?: JetStreamClient | null;
  convert?: ConvertCompose;
}

/**
 * Builds the harness. The converter is a fake keyed by compose text unless `convert` is given, so the
 * engine is tested on exactly the DesiredStack values it receives.
 */
export async function createHarness(options: HarnessOptions = {}): Promise<EngineHarness> {
  const docker = await requireDocker();
  await ensureTestImage(docker);
  const pg = await pgFixture();
  const stack = uniqueName('dep').replace(/-/g, '');
  const stacks = new Map<string, (stack: string) => DesiredStack>();
  const fake: ConvertCompose = (input) => {
    const build = stacks.get(input.compose);
    if (build === undefined) throw new AppError('INVALID_REQUEST', `unknown test compose ${input.compose}`);
    return build(input.stack);
  };
  const stackDocker = createStackDocker(docker);
  const clusterId = await stackDocker.clusterId();
  const makeDeps = (owner: string): EngineDeps => ({
    convert: options.convert ?? fake,
    docker: stackDocker,
    restoreDocker: createRestoreDocker(docker),
    repo: createDeploymentsRepo(pg.pool),
    events: createDeploymentEvents({ js: options.js ?? null, logger: silentLogger }),
    clusterId,
    owner,
    maxParallel: 4,
    // Generous: the test machine runs other suites on the same engine at the same time.
    defaultTimeoutSeconds: 240,
    heartbeatSeconds: options.heartbeatSeconds ?? 1,
    policy: { bindMountPrefixes: [], trustedStacks: [] },
    prometheus: null,
    logger: silentLogger,
    metrics: createDeployerMetrics(createMetrics({ service: 'deployer-test' })),
    now: () => new Date(),
    newId: randomUUID,
    pollMs: 300,
  });
  const deps = makeDeps('test-owner');
  const engines = [createEngine(deps)];
  return {
    engine: engines[0] as Engine,
    deps,
    docker,
    pg,
    stack,
    define: (key, build) => stacks.set(key, build),
    another(owner) {
      const engine = createEngine(makeDeps(owner));
      engines.push(engine);
      return engine;
    },
    async cleanup() {
      try {
        await Promise.all(engines.map((e) => e.drain(1000)));
        await removeLabeled(docker, stack, 60_000);
      } finally {
        await pg.cleanup();
      }
    },
  };
}
