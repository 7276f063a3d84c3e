import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnvFile } from './lab.js';
import { findRepoRoot, labDir } from './lab-paths.js';

describe('lab helpers', () => {
  it('parses the env file written by infra/lab/up.sh', () => {
    const vars = parseEnvFile('SWLAB_NODES=4\nSWLAB_N1_HOST=unix:///run/swlab/n1/docker.sock\n\n# note\n');
    expect(vars).toEqual({ SWLAB_NODES: '4', SWLAB_N1_HOST: 'unix:///run/swlab/n1/docker.sock' });
  });

  it('finds the repo root and the lab scripts', () => {
    expect(existsSync(join(findRepoRoot(), 'pnpm-workspace.yaml'))).toBe(true);
    for (const script of ['up.sh', 'down.sh', 'chaos.sh'])
      expect(existsSync(join(labDir(), script))).toBe(true);
  });
});
