import { Client, SdkError, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { ClientOptions } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryRpc } from '@swarmops/contracts';
import { startEnvironment } from '../testing/environment.js';
import type { TestEnvironment } from '../testing/environment.js';
import { auditRows } from '../testing/gateway-fixture.js';

const SLOW_SUBJECT = InventoryRpc.servicesList.subject;

let env: TestEnvironment;
let admin: string;

beforeAll(async () => {
  // services.list replies only 2 s after it has done its work, so list_services can be cancelled mid-wait.
  env = await startEnvironment(undefined, { delayMs: { [SLOW_SUBJECT]: 2000 } });
  admin = await env.gateway.token({ role: 'admin' });
});
afterAll(async () => {
  await env?.close();
});

async function connect(token: string, versionNegotiation: ClientOptions['versionNegotiation']) {
  const client = new Client({ name: 'sdk-cancel-client', version: '1.0.0' }, { versionNegotiation });
  const transport = new StreamableHTTPClientTransport(new URL(env.gateway.mcpUrl), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

/** Polls `check` until it returns a value, for at most `limitMs`; fails naming `what`. */
async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  limitMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const rowsOf = async (tool: string) => (await auditRows(env.pg.pool)).filter((r) => r.tool === tool);

describe.each([
  // 2025 revisions: the client POSTs notifications/cancelled, which the HTTP edge routes to the call.
  { era: 'legacy', versionNegotiation: undefined },
  // 2026-07-28: the client aborts the call's own HTTP request.
  { era: 'modern', versionNegotiation: { mode: { pin: '2026-07-28' } } },
] as const)('cancelling a tool call over HTTP ($era era)', ({ era, versionNegotiation }) => {
  it('stops the waiting, audits the call once, and lets the service finish', async () => {
    const client = await connect(admin, versionNegotiation);
    try {
      expect(client.getProtocolEra()).toBe(era);
      const rowsBefore = (await rowsOf('list_services')).length;
      const arrived = env.responder.count(SLOW_SUBJECT);
      const replied = env.responder.replied(SLOW_SUBJECT);

      const controller = new AbortController();
      const outcome = client
        .callTool({ name: 'list_services', arguments: {} }, { signal: controller.signal })
        .then(
          () => 'resolved',
          (err: unknown) => err,
        );
      // Abort about 100 ms after the request has reached the slow service.
      await waitFor('services.list to reach the service', () =>
        env.responder.count(SLOW_SUBJECT) > arrived ? true : undefined,
      );
      setTimeout(() => controller.abort('the user pressed stop'), 100);

      // The client gives up at once (the SDK rejects with an SdkError carrying the reason).
      const err = await outcome;
      expect(err).toBeInstanceOf(SdkError);
      expect((err as SdkError).message).toContain('the user pressed stop');

      // The gateway stopped waiting too: the call's audit row is written while the service still works.
      const rows = await waitFor('the audit row of the cancelled call', async () => {
        const all = await rowsOf('list_services');
        return all.length > rowsBefore ? all.slice(rowsBefore) : undefined;
      });
      expect(env.responder.replied(SLOW_SUBJECT)).toBe(replied);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ decision: 'allowed', outcome: 'error', error_code: 'TIMEOUT' });

      // The operation itself runs to its end; its late reply is ignored and audits nothing more.
      await waitFor('the slow service to finish', () =>
        env.responder.replied(SLOW_SUBJECT) > replied ? true : undefined,
      );
      await client.listTools();
      expect(await rowsOf('list_services')).toHaveLength(rowsBefore + 1);

      // The gateway and this client still serve the next call.
      const nodesBefore = (await rowsOf('list_nodes')).length;
      const next = await client.callTool({ name: 'list_nodes', arguments: {} });
      expect(next.isError).toBeFalsy();
      expect((next.structuredContent as { items: unknown[] }).items.length).toBeGreaterThan(0);
      const nodeRows = await waitFor('the audit row of the next call', async () => {
        const all = await rowsOf('list_nodes');
        return all.length > nodesBefore ? all.slice(nodesBefore) : undefined;
      });
      expect(nodeRows).toMatchObject([{ outcome: 'ok', error_code: null }]);
    } finally {
      await client.close();
    }
  });
});
