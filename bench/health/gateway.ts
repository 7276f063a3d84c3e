// The MCP side of bench/health: the built gateway on the bench's NATS and database, an operator token, and
// one official SDK client calling `execute_health_check` over Streamable HTTP.
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { createTokenStore } from '@swarmops/auth';
import type pg from 'pg';
import { startApp } from './harness.js';
import type { BenchProcess } from './harness.js';

/** A running gateway with a connected client. */
export interface BenchGateway {
  process: BenchProcess;
  /** One `tools/call execute_health_check {}`; throws on an `isError` result. */
  executeHealthCheck(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `apps/mcp-gateway/dist/main.js` (rate limit lifted) and connects an operator client. */
export async function startGateway(
  natsUrl: string,
  databaseUrl: string,
  pool: pg.Pool,
): Promise<BenchGateway> {
  const gateway = await startApp({
    app: 'mcp-gateway',
    portVar: 'MCP_HTTP_PORT',
    env: {
      NATS_URL: natsUrl,
      DATABASE_URL: databaseUrl,
      MCP_RATE_LIMIT_PER_SECOND: '1000000',
      MCP_RATE_LIMIT_BURST: '1000000',
    },
  });
  try {
    const { token } = await createTokenStore(pool).create({ name: 'bench-health', role: 'operator' });
    const client = new Client({ name: 'bench-health', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${gateway.port}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      }),
    );
    return {
      process: gateway,
      async executeHealthCheck() {
        const result = await client.callTool(
          { name: 'execute_health_check', arguments: {} },
          { timeout: 60_000 },
        );
        if (result.isError === true) throw new Error(JSON.stringify(result.content).slice(0, 500));
      },
      async stop() {
        await client.close();
        await gateway.stop();
      },
    };
  } catch (err) {
    await gateway.stop();
    throw err;
  }
}
