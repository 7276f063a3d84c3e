import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContext } from '../context.js';
import type { Context } from '../context.js';
import { MCP_STDIO_ENTRY, mcpCommand, mcpEnv } from './mcp.js';

// Runs a stand-in stdio entry in a scratch root: it records what it received, so the test sees
// the token hand-over and the exit code without the real gateway.
describe('swarmops mcp', () => {
  let root: string;
  let ctx: Context;
  const savedToken = process.env.SWARMOPS_TOKEN;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'swarmops-mcp-'));
    ctx = createContext({ SWARMOPS_ROOT: root });
    mkdirSync(ctx.stateDir, { recursive: true });
    delete process.env.SWARMOPS_TOKEN;
  });

  afterEach(() => {
    if (savedToken === undefined) delete process.env.SWARMOPS_TOKEN;
    else process.env.SWARMOPS_TOKEN = savedToken;
    rmSync(root, { recursive: true, force: true });
  });

  it('says clearly that the gateway is not built when stdio.js is missing', async () => {
    await expect(mcpCommand(ctx)).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining(`${MCP_STDIO_ENTRY} is missing`) as unknown,
    });
  });

  it('passes the admin token file as SWARMOPS_TOKEN and returns the server exit code', async () => {
    writeFileSync(ctx.adminTokenFile, 'swo_admin000_fromfile\n', { mode: 0o600 });
    writeFileSync(ctx.envFile, 'export NATS_URL=nats://127.0.0.1:4222\n');
    const entry = path.join(root, MCP_STDIO_ENTRY);
    mkdirSync(path.dirname(entry), { recursive: true });
    writeFileSync(
      entry,
      `require('node:fs').writeFileSync(${JSON.stringify(path.join(root, 'seen.json'))}, JSON.stringify({ token: process.env.SWARMOPS_TOKEN, nats: process.env.NATS_URL })); process.exit(3);`,
    );
    writeFileSync(path.join(path.dirname(entry), 'package.json'), '{"type":"commonjs"}');
    expect(await mcpCommand(ctx)).toBe(3);
    expect(JSON.parse(readFileSync(path.join(root, 'seen.json'), 'utf8'))).toEqual({
      token: 'swo_admin000_fromfile',
      nats: 'nats://127.0.0.1:4222',
    });
  });

  it('prefers SWARMOPS_TOKEN from the environment and refuses to start without any token', () => {
    writeFileSync(ctx.adminTokenFile, 'swo_admin000_fromfile\n');
    expect(mcpEnv(ctx, { SWARMOPS_TOKEN: 'swo_mine0000_x' }).SWARMOPS_TOKEN).toBe('swo_mine0000_x');
    rmSync(ctx.adminTokenFile);
    expect(() => mcpEnv(ctx, {})).toThrow(/no token: set SWARMOPS_TOKEN/);
  });
});
