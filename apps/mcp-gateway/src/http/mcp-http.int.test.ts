import { request as httpRequest } from 'node:http';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryRpc } from '@swarmops/contracts';
import { startEnvironment } from '../testing/environment.js';
import type { TestEnvironment } from '../testing/environment.js';
import { auditRows } from '../testing/gateway-fixture.js';
import { TOOLS } from '../tools/index.js';

let env: TestEnvironment;
let admin: string;

beforeAll(async () => {
  env = await startEnvironment();
  admin = await env.gateway.token({ role: 'admin' });
});
afterAll(async () => {
  await env?.close();
});

async function connect(token: string) {
  const client = new Client({ name: 'sdk-test-client', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(env.gateway.mcpUrl), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(env.gateway.mcpUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': '2025-11-25',
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

/** A POST with node:http, which (unlike fetch) lets the test set the Host header. */
function rawPost(body: unknown, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      env.gateway.mcpUrl,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('MCP over Streamable HTTP', () => {
  it('lists every tool with JSON Schemas that compile, strict inputs and its declared annotations', async () => {
    const client = await connect(admin);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(TOOLS.map((t) => t.name).sort());
      const ajv = new Ajv2020({ strict: false, validateFormats: false });
      for (const tool of tools) {
        expect(() => ajv.compile(tool.inputSchema), tool.name).not.toThrow();
        expect(() => ajv.compile(tool.outputSchema ?? {}), tool.name).not.toThrow();
        expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);
        expect(tool.description?.length, tool.name).toBeGreaterThan(80);
        // The annotations each tool declares, published as they are; read-only tools never claim to destroy.
        const declared = TOOLS.find((t) => t.name === tool.name)?.annotations;
        expect(tool.annotations, tool.name).toMatchObject({ ...declared, openWorldHint: false });
        if (tool.annotations?.readOnlyHint) expect(tool.annotations.destructiveHint, tool.name).toBe(false);
      }
    } finally {
      await client.close();
    }
  });

  it('list_nodes returns every engine node with a ready manager, hostnames, IPs and resources', async () => {
    const engineNodes = (await env.docker.listNodes()) as { ID: string; Description: { Hostname: string } }[];
    const client = await connect(admin);
    try {
      const result = await client.callTool({ name: 'list_nodes', arguments: {} });
      expect(result.isError).toBeFalsy();
      const page = result.structuredContent as {
        items: {
          id: string;
          hostname: string;
          ipAddress: string;
          role: string;
          status: string;
          resources: { cpus: number; memoryBytes: number };
        }[];
        nextCursor: string | null;
      };
      expect(page.items.map((n) => n.id).sort()).toEqual(engineNodes.map((n) => n.ID).sort());
      expect(page.items.map((n) => n.hostname).sort()).toEqual(
        engineNodes.map((n) => n.Description.Hostname).sort(),
      );
      expect(page.items.some((n) => n.role === 'manager' && n.status === 'ready')).toBe(true);
      for (const n of page.items) {
        expect(Object.keys(n).sort()).toEqual([
          'availability',
          'hostname',
          'id',
          'ipAddress',
          'labels',
          'resources',
          'role',
          'status',
        ]);
        expect(n.ipAddress).toMatch(/^[0-9a-f.:]+$/);
        expect(n.resources.cpus).toBeGreaterThan(0);
        expect(n.resources.memoryBytes).toBeGreaterThan(0);
      }
      const text = (result.content as { type: string; text: string }[])[0]?.text ?? '';
      expect(text).toContain(engineNodes[0]!.Description.Hostname);
    } finally {
      await client.close();
    }
  });

  it('serves resources and prompts', async () => {
    const client = await connect(admin);
    try {
      const { resources } = await client.listResources();
      expect(resources.map((r) => r.uri)).toEqual(
        expect.arrayContaining(['swarm://cluster', 'swarm://nodes']),
      );
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((t) => t.uriTemplate)).toContain('swarm://stacks/{name}');
      const nodes = await client.readResource({ uri: 'swarm://nodes' });
      const first = nodes.contents[0] as { text: string };
      expect((JSON.parse(first.text) as { items: unknown[] }).items.length).toBeGreaterThan(0);
      const { prompts } = await client.listPrompts();
      expect(prompts.map((p) => p.name).sort()).toEqual(['diagnose-cluster', 'plan-deployment']);
      const plan = await client.getPrompt({ name: 'plan-deployment', arguments: { stack: 'shop' } });
      expect(JSON.stringify(plan.messages)).toContain('inspect_stack');
      expect(JSON.stringify(plan.messages)).toContain('plan_stack');
    } finally {
      await client.close();
    }
  });

  it('answers a service error as an isError result starting with the code', async () => {
    const client = await connect(admin);
    try {
      const result = await client.callTool({
        name: 'inspect_service',
        arguments: { service: 'no-such-service-x' },
      });
      expect(result.isError).toBe(true);
      expect((result.content as { text: string }[])[0]?.text).toBe(
        'NOT_FOUND: service no-such-service-x not found',
      );
    } finally {
      await client.close();
    }
  });

  it('refuses bad arguments naming the field, sends nothing on NATS and audits each call once', async () => {
    const client = await connect(admin);
    const before = env.responder.total();
    const rowsBefore = (await auditRows(env.pg.pool)).length;
    const cases: [string, Record<string, unknown>, string][] = [
      ['list_nodes', { role: 7 }, 'role'],
      ['list_nodes', { colour: 'blue' }, 'colour'],
      ['list_services', { stack: 'x'.repeat(10_000) }, 'stack'],
      ['inspect_service', {}, 'service'],
      ['list_tasks', { state: 'sleeping' }, 'state'],
      ['list_nodes', { limit: 100_000 }, 'limit'],
    ];
    try {
      for (const [name, args, field] of cases) {
        const result = await client.callTool({ name, arguments: args });
        const text = (result.content as { text: string }[])[0]?.text ?? '';
        expect(result.isError, `${name} ${field}`).toBe(true);
        expect(text, `${name} ${field}`).toMatch(new RegExp(`^INVALID_REQUEST: invalid field \`${field}\``));
        expect(text.length).toBeLessThan(2_100);
      }
    } finally {
      await client.close();
    }
    expect(env.responder.total()).toBe(before);
    const rows = (await auditRows(env.pg.pool)).slice(rowsBefore);
    expect(rows).toHaveLength(cases.length);
    expect(rows.every((r) => r.error_code === 'INVALID_REQUEST' && r.decision === 'allowed')).toBe(true);
  });

  it('answers 401 with a resource_metadata challenge without a bearer, and serves RFC 9728 metadata', async () => {
    const response = await post({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe(
      `Bearer resource_metadata="${env.gateway.baseUrl}/.well-known/oauth-protected-resource"`,
    );
    const metadata = (await (
      await fetch(`${env.gateway.baseUrl}/.well-known/oauth-protected-resource`)
    ).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      resource: `${env.gateway.mcpUrl}`,
      bearer_methods_supported: ['header'],
    });
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['swarmops:admin']));
  });

  it('refuses a foreign Host or Origin with 403 before authentication', async () => {
    const auth = { Authorization: `Bearer ${admin}` };
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    expect((await rawPost(ping, { ...auth, Host: 'evil.example.com' })).status).toBe(403);
    expect((await rawPost(ping, { ...auth, Host: `127.0.0.1:${env.gateway.port + 1}` })).status).toBe(403);
    expect((await rawPost(ping, { ...auth, Origin: 'http://evil.example.com' })).status).toBe(403);
    expect((await rawPost(ping, { ...auth, Host: 'evil.example.com' })).body).toContain(
      'FORBIDDEN: Host not allowed',
    );
  });

  it.each(['2025-06-18', '2025-11-25'])('negotiates protocol version %s', async (version) => {
    const response = await post(
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { protocolVersion: version, capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
      },
      { Authorization: `Bearer ${admin}`, 'MCP-Protocol-Version': version },
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain(`"protocolVersion":"${version}"`);
  });

  it.each([
    ['legacy', '2025-11-25'],
    [{ pin: '2026-07-28' }, '2026-07-28'],
  ] as const)(
    'serves the official SDK client negotiating %j on %s, list_nodes included',
    async (mode, version) => {
      const client = new Client(
        { name: 'sdk-test-client', version: '1.0.0' },
        { versionNegotiation: { mode } },
      );
      await client.connect(
        new StreamableHTTPClientTransport(new URL(env.gateway.mcpUrl), {
          requestInit: { headers: { Authorization: `Bearer ${admin}` } },
        }),
      );
      try {
        const negotiated = (
          client as unknown as { getNegotiatedProtocolVersion(): string | undefined }
        ).getNegotiatedProtocolVersion();
        expect(negotiated).toBe(version);
        const before = env.responder.count(InventoryRpc.nodesList.subject);
        const result = await client.callTool({ name: 'list_nodes', arguments: { role: 'manager' } });
        expect(result.isError).toBeFalsy();
        expect((result.structuredContent as { items: unknown[] }).items.length).toBeGreaterThan(0);
        expect(env.responder.count(InventoryRpc.nodesList.subject)).toBe(before + 1);
      } finally {
        await client.close();
      }
    },
  );
});
