import { Client } from '@modelcontextprotocol/client';
import { InMemoryTransport } from '@modelcontextprotocol/server';
import type { NatsConnection } from '@nats-io/nats-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { READ_ONLY, defineTool } from '../tools/tool.js';
import { createGatewayServer } from './create-server.js';
import type { GatewayDeps } from './create-server.js';
import type { CallSecurity } from './ports.js';
import { listTools } from './tool-listing.js';

// The progress relay: a tool reports progress through its context, and a client that sent a
// progress token receives notifications/progress. (No tool of #4 is long-running; #5's are.)
const slow = defineTool({
  name: 'slow_probe',
  title: 'Slow probe',
  description: 'test tool that reports progress',
  input: z.strictObject({ steps: z.number().int().min(1).max(5) }),
  output: z.object({ done: z.number() }),
  annotations: READ_ONLY,
  requiredRole: 'viewer',
  calls: [],
  async run(args, ctx) {
    for (let i = 1; i <= args.steps; i++)
      await ctx.progress({ progress: i, total: args.steps, message: `step ${i}` });
    return { done: args.steps };
  },
  render: (r) => `done ${r.done}`,
});

const security: CallSecurity = {
  authenticate: () => Promise.resolve({ id: 'test', kind: 'stdio', role: 'viewer', stacks: null }),
  rateLimit: () => undefined,
  authorize: () => undefined,
  record: () => Promise.resolve(),
};

describe('progress relay', () => {
  it('relays tool progress to a client that sent a progress token, and nothing to one that did not', async () => {
    const deps: GatewayDeps = {
      nc: {} as NatsConnection,
      tools: [slow],
      listing: listTools([slow]),
      audit: { list: () => Promise.resolve({ items: [], nextCursor: null }) },
      timeoutMs: 1000,
      version: '0.0.0',
      now: () => 0,
      logger: { error: () => undefined },
    };
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createGatewayServer(deps, security).connect(serverSide);
    const client = new Client({ name: 'progress-test', version: '1.0.0' });
    await client.connect(clientSide);
    try {
      const seen: { progress: number; total?: number; message?: string }[] = [];
      const result = await client.callTool(
        { name: 'slow_probe', arguments: { steps: 3 } },
        { onprogress: (p) => seen.push(p) },
      );
      expect(result.structuredContent).toEqual({ done: 3 });
      expect(seen).toEqual([
        { progress: 1, total: 3, message: 'step 1' },
        { progress: 2, total: 3, message: 'step 2' },
        { progress: 3, total: 3, message: 'step 3' },
      ]);
      const quiet = await client.callTool({ name: 'slow_probe', arguments: { steps: 2 } });
      expect(quiet.structuredContent).toEqual({ done: 2 });
    } finally {
      await client.close();
    }
  });
});
