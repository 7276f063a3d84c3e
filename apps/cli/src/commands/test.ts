import type { Context } from '../context.js';
import { formatCounts } from '../domain/test-results.js';
import type { TestCounts } from '../domain/test-results.js';
import { say, step } from '../output.js';
import { run } from '../adapters/run.js';
import { pnpm } from '../parts/build.js';
import { stopAll } from '../parts/stop-all.js';
import { clearReports, collectReports, VITEST_REPORT } from '../parts/test-results.js';
import { ensureDependencies } from './dependencies.js';
import { reportError } from '../report-error.js';

export interface TestOptions {
  readonly initSwarm?: boolean;
  readonly down?: boolean;
}

interface Step {
  readonly name: string;
  readonly args: readonly string[];
}

// Integration tests share one Docker engine, NATS and PostgreSQL: one package at a time.
// --continue runs every package's tests so the closing count covers the whole workspace.
const STEPS: readonly Step[] = [
  { name: 'format (prettier --check)', args: ['exec', 'prettier', '--check', '.'] },
  { name: 'build', args: ['turbo', 'run', 'build'] },
  { name: 'lint and typecheck', args: ['turbo', 'run', 'lint', 'typecheck'] },
  {
    name: 'unit and integration tests',
    args: [
      'turbo',
      'run',
      'test',
      '--concurrency=1',
      '--continue',
      '--',
      '--reporter=default',
      '--reporter=json',
      `--outputFile=${VITEST_REPORT}`,
    ],
  },
];

/**
 * `swarmops test`: brings the dependencies up as `up` does (a fresh CI machine may get its swarm
 * initialised: CI=true implies --init-swarm), exports their env, then runs every step, stopping at
 * the first failing one. The last line is always `N passed, N failed`.
 */
export async function testCommand(ctx: Context, options: TestOptions): Promise<number> {
  const started = Date.now();
  let counts: TestCounts = { passed: 0, failed: 0 };
  let failure: string | undefined;
  try {
    const env = await ensureDependencies(ctx, {
      initSwarm: (options.initSwarm ?? false) || ctx.isCi,
      buildFilter: '@swarmops/db...',
    });
    const childEnv = { ...process.env, ...env };
    for (const s of STEPS) {
      step(s.name);
      const isTests = s.args[2] === 'test';
      if (isTests) clearReports(ctx);
      const result = await run(pnpm(), s.args, { cwd: ctx.root, env: childEnv, output: 'inherit' });
      if (isTests) {
        const collected = collectReports(ctx);
        counts = collected.counts;
        if (collected.missing.length > 0)
          say(`swarmops test: no vitest report from ${collected.missing.join(', ')}`);
        if (result.code === 0 && collected.missing.length > 0)
          failure = 'unit and integration tests (missing reports)';
      }
      if (result.code !== 0) {
        failure = `${s.name} (pnpm ${s.args.slice(0, 4).join(' ')} exited ${result.code})`;
        break;
      }
    }
  } catch (err) {
    reportError('test', err);
    failure = 'bringing up the dependencies (see above)';
  } finally {
    if (options.down) await stopAll(ctx);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    say('');
    say(
      failure === undefined
        ? `swarmops test: all steps passed in ${seconds} s`
        : `swarmops test: FAILED at ${failure}`,
    );
    say(formatCounts(counts));
  }
  return failure === undefined && counts.failed === 0 ? 0 : 1;
}
