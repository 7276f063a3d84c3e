import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { CliError } from '../cli-error.js';
import type { Context } from '../context.js';
import { logFile } from '../context.js';
import { run } from '../adapters/run.js';
import { fileIsExecutable, postgresBinDir, which } from '../adapters/which.js';
import { step } from '../output.js';

interface Requirement {
  readonly pkg: string;
  readonly why: string;
  readonly present: () => boolean;
}

const REQUIREMENTS: readonly Requirement[] = [
  { pkg: 'docker.io', why: 'dockerd and the docker CLI', present: () => which('dockerd') !== undefined },
  { pkg: 'nats-server', why: 'NATS with JetStream', present: () => which('nats-server') !== undefined },
  { pkg: 'postgresql', why: 'the private PostgreSQL cluster', present: () => postgresBinDir() !== undefined },
  {
    pkg: 'busybox-static',
    why: 'test images built from scratch',
    present: () => fileIsExecutable('/bin/busybox'),
  },
  {
    pkg: 'prometheus',
    why: 'the local Prometheus and promtool',
    present: () => which('prometheus') !== undefined,
  },
  { pkg: 'iproute2', why: 'the multi-node lab (ip netns)', present: () => which('ip') !== undefined },
];

const POLICY_RC = '/usr/sbin/policy-rc.d';

/**
 * Installs the missing system packages with apt. While apt runs, a policy-rc.d keeps the
 * packages' own init scripts from starting a second dockerd or a PostgreSQL on 5432:
 * `up` starts everything itself, so that `down` can stop everything.
 */
export async function ensureSystemPackages(ctx: Context): Promise<void> {
  const missing = REQUIREMENTS.filter((r) => !r.present());
  if (missing.length === 0) return;
  const names = missing.map((r) => r.pkg);
  for (const r of missing) step(`missing ${r.pkg} (${r.why})`);
  const aptGet = which('apt-get');
  if (aptGet === undefined || process.getuid?.() !== 0) {
    throw new CliError(
      `missing system packages: ${names.join(' ')}. Install them as root on Debian/Ubuntu ` +
        `(apt-get install -y ${names.join(' ')}) or run ./swarmops as root to let it do so.`,
    );
  }
  const log = logFile(ctx, 'apt');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ownPolicy = !existsSync(POLICY_RC);
  if (ownPolicy)
    writeFileSync(POLICY_RC, '#!/bin/sh\n# written by swarmops during apt-get install\nexit 101\n', {
      mode: 0o755,
    });
  try {
    step('apt-get update');
    const update = await run(aptGet, ['update'], { env, output: { logFile: log } });
    if (update.code !== 0) throw new CliError('apt-get update failed', { logFile: log });
    step(`apt-get install ${names.join(' ')}`);
    const install = await run(aptGet, ['install', '-y', '--no-install-recommends', ...names], {
      env,
      output: { logFile: log },
    });
    if (install.code !== 0) throw new CliError(`apt-get install ${names.join(' ')} failed`, { logFile: log });
  } finally {
    if (ownPolicy) rmSync(POLICY_RC, { force: true });
  }
  const still = missing.filter((r) => !r.present()).map((r) => r.pkg);
  if (still.length > 0)
    throw new CliError(`installed but still not found: ${still.join(' ')}`, { logFile: log });
}
