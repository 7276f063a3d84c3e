import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployerRpc } from '@swarmops/contracts';
import { startEnvironment } from '../testing/environment.js';
import type { TestEnvironment } from '../testing/environment.js';
import { auditRows, stdioEntry } from '../testing/gateway-fixture.js';
import { TOOLS } from '../tools/index.js';

let env: TestEnvironment;
let viewer: string;

beforeAll(async () => {
  env = await startEnvironment();
  viewer = await env.gateway.token({ role: 'viewer' });
});
afterAll(async () => {
  await env?.close();
});

function serverEnv(token: string | undefined): Record<string, string> {
  const vars: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NATS_URL: env.nats.url,
    DATABASE_URL: env.pg.url,
    LOG_LEVEL: 'info',
  };
  if (token !== undefined) vars.SWARMOPS_TOKEN = token;
  return vars;
}

/** Runs `node dist/stdio.js` to completion with stdin closed; returns its exit code and output. */
function runStdio(
  token: string | undefined,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [stdioEntry()], {
      env: serverEnv(token),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('MCP over stdio (node dist/stdio.js, as ./swarmops mcp runs it)', () => {
  it('serves the official SDK client: tools with schemas, and list_nodes from the real swarm', async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [stdioEntry()],
      env: serverEnv(viewer),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'sdk-stdio-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(TOOLS.map((t) => t.name).sort());
      const result = await client.callTool({ name: 'list_nodes', arguments: {} });
      expect(result.isError).toBeFalsy();
      const { items } = result.structuredContent as {
        items: {
          id: string;
          role: string;
          hostname: string;
          status: string;
          ipAddress: string;
          resources: { cpus: number };
        }[];
      };
      const engine = (await env.docker.listNodes()) as { ID: string; Description: { Hostname: string } }[];
      expect(items.map((n) => n.id).sort()).toEqual(engine.map((n) => n.ID).sort());
      expect(items.map((n) => n.hostname).sort()).toEqual(engine.map((n) => n.Description.Hostname).sort());
      expect(items.some((n) => n.role === 'manager' && n.status === 'ready')).toBe(true);
      expect(items.some((n) => n.status === 'ready' && n.ipAddress !== '' && n.resources.cpus > 0)).toBe(
        true,
      );
    } finally {
      await client.close();
    }
    const rows = await auditRows(env.pg.pool);
    expect(rows.filter((r) => r.tool === 'list_nodes' && r.outcome === 'ok')).toHaveLength(1);
  });

  it('asks a 2025-era stdio client to confirm remove_stack through elicitation/create, once per answer', async () => {
    const admin = await env.gateway.token({ role: 'admin' });
    const stack = `stdio${Math.random().toString(36).slice(2, 8)}`;
    const removes = () =>
      env.deployer
        .requests(DeployerRpc.stackRemove.subject)
        .filter((r) => (r as { name: string }).name === stack);
    for (const confirm of [false, true]) {
      const client = new Client(
        { name: 'sdk-stdio-elicit', version: '1.0.0' },
        { versionNegotiation: { mode: 'legacy' }, capabilities: { elicitation: { form: {} } } },
      );
      const asked: string[] = [];
      client.setRequestHandler('elicitation/create', (req) => {
        asked.push(req.params.message);
        return { action: 'accept', content: { confirm } };
      });
      await client.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [stdioEntry()],
          env: serverEnv(admin),
          stderr: 'pipe',
        }),
      );
      try {
        const before = (await auditRows(env.pg.pool)).length;
        const result = await client.callTool({ name: 'remove_stack', arguments: { name: stack } });
        const text = (result.content as { text: string }[])[0]?.text ?? '';
        expect(asked).toEqual([expect.stringContaining(`Remove stack "${stack}"?`)]);
        if (confirm) expect(result.structuredContent).toMatchObject({ status: 'succeeded', stack });
        else expect(text).toMatch(/^FORBIDDEN: the user declined/);
        expect(removes()).toHaveLength(confirm ? 1 : 0);
        const rows = (await auditRows(env.pg.pool)).slice(before);
        expect(rows).toEqual([
          expect.objectContaining({ tool: 'remove_stack', decision: confirm ? 'allowed' : 'denied' }),
        ]);
      } finally {
        await client.close();
      }
    }
  });

  it('refuses to start without SWARMOPS_TOKEN, saying so on stderr and nothing on stdout', async () => {
    const { code, stdout, stderr } = await runStdio(undefined);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('SWARMOPS_TOKEN is not set');
  });

  it('refuses to start with a revoked token', async () => {
    const token = await env.gateway.token({ role: 'admin' });
    await env.gateway.tokens.revoke(token.split('_').slice(0, 2).join('_'));
    const { code, stdout, stderr } = await runStdio(token);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('SWARMOPS_TOKEN was refused');
    expect(stderr).toContain('revoked');
  });

  it('is listed by the MCP Inspector CLI over stdio', async () => {
    const inspector = fileURLToPath(
      new URL('../../node_modules/@modelcontextprotocol/inspector-cli/build/index.js', import.meta.url),
    );
    const { code, stdout, stderr } = await new Promise<{
      code: number | null;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      // The inspector looks for `../package.json` relative to its working directory (but imports it
      // relative to itself), so it runs from its own build folder.
      const child = spawn(
        process.execPath,
        [inspector, process.execPath, stdioEntry(), '--method', 'tools/list'],
        {
          env: serverEnv(viewer),
          cwd: dirname(inspector),
        },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('exit', (c) => resolve({ code: c, stdout: out, stderr: err }));
    });
    expect(code, stderr).toBe(0);
    const listed = JSON.parse(stdout) as { tools: { name: string; inputSchema: object }[] };
    expect(listed.tools.map((t) => t.name).sort()).toEqual(TOOLS.map((t) => t.name).sort());
  });
});
