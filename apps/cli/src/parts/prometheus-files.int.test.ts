import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRepoRoot } from '@swarmops/testkit';
import { run } from '../adapters/run.js';
import { which } from '../adapters/which.js';
import { renderPrometheusConfig, serviceScrapeTargets } from '../domain/prometheus-config.js';

// The real files Prometheus loads, checked by Prometheus' own promtool.
const root = findRepoRoot();
const rulesDir = path.join(root, 'infra', 'prometheus', 'rules');
const rulesFile = path.join(rulesDir, 'swarmops.rules.yml');

function promtool(): string {
  const bin = which('promtool');
  if (bin === undefined) {
    throw new Error('promtool is missing: run ./swarmops test, which installs the prometheus package');
  }
  return bin;
}

async function promtoolOk(args: string[], cwd?: string): Promise<string> {
  const result = await run(promtool(), args, { cwd, timeoutMs: 60_000 });
  const output = `${result.stdout}${result.stderr}`;
  expect(result.code, output).toBe(0);
  return output;
}

describe('infra/prometheus files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'swarmops-prom-files-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renders a prometheus.yml that promtool accepts, with the real rule file', async () => {
    const file = path.join(dir, 'prometheus.yml');
    const services = [
      { name: 'mcp-gateway', dir: 'mcp-gateway', httpPort: 7070 },
      { name: 'metrics-analyst', dir: 'metrics-analyst', httpPort: 7075 },
    ];
    writeFileSync(
      file,
      renderPrometheusConfig({
        scrapeIntervalSeconds: 15,
        targets: serviceScrapeTargets(services, 9090),
        ruleFiles: [rulesFile],
      }),
    );
    const output = await promtoolOk(['check', 'config', file]);
    expect(output).toContain('SUCCESS: 1 rule files found');
  });

  it('has alert rules that promtool accepts', async () => {
    expect(await promtoolOk(['check', 'rules', rulesFile])).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('fires each alert on a synthetic series and not on the healthy one (promtool test rules)', async () => {
    const output = await promtoolOk(['test', 'rules', 'swarmops.rules.test.yml'], rulesDir);
    expect(output).toContain('SUCCESS');
  });

  it('tests every alert it defines', () => {
    const rules = readFileSync(rulesFile, 'utf8');
    const tests = readFileSync(path.join(rulesDir, 'swarmops.rules.test.yml'), 'utf8');
    const alerts = [...new Set([...rules.matchAll(/- alert: (\w+)/g)].map((m) => m[1]))];
    expect(alerts).toEqual([
      'SwarmopsTargetDown',
      'SwarmNodeDown',
      'SwarmNodeDiskFullIn6h',
      'SwarmServiceReplicasBelowDesired',
      'SwarmServiceHighCpu',
      'SwarmServiceHighMemory',
      'SwarmServiceCrashLooping',
    ]);
    for (const alert of alerts) expect(tests).toContain(`alertname: ${alert ?? ''}\n`);
  });

  it('uses only metric names the exporter declares (metric-names.ts)', () => {
    // Read as text: apps never import apps, and the rules must follow the exporter's names.
    const declared = readFileSync(
      path.join(root, 'apps', 'metrics-analyst', 'src', 'domain', 'metric-names.ts'),
      'utf8',
    );
    const rules = readFileSync(rulesFile, 'utf8');
    const used = [...new Set([...rules.matchAll(/\bswarm_[a-z_]+\b/g)].map((m) => m[0]))];
    expect(used.length).toBeGreaterThan(5);
    for (const name of used) expect(declared, `${name} in metric-names.ts`).toContain(`'${name}'`);
  });
});
