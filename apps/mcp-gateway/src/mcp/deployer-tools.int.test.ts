import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeployerRpc } from '@swarmops/contracts';
import { STAND_IN_STEPS } from '../testing/deployer-responder.js';
import { startEnvironment } from '../testing/environment.js';
import type { TestEnvironment } from '../testing/environment.js';
import { auditRows } from '../testing/gateway-fixture.js';

// The deployer tools through the real MCP server over HTTP, against a deployer stand-in served on a
// real nats-server: published schemas, progress relay, confirmation (argument and elicitation), audit.

let env: TestEnvironment;
let admin: string;
let adminId: string;

const COMPOSE = 'services:\n  web:\n    image: local/busybox:1\n';
/** A compose file with inline secret content, which must never reach the audit log. */
const SECRET_COMPOSE = `${COMPOSE}    secrets: [db]\nsecrets:\n  db:\n    content: hunter2\n`;

beforeAll(async () => {
  env = await startEnvironment({ MCP_RATE_LIMIT_PER_SECOND: '1000', MCP_RATE_LIMIT_BURST: '1000' });
  admin = await env.gateway.token({ role: 'admin' });
  adminId = `token:${admin.split('_').slice(0, 2).join('_')}`;
});
afterAll(async () => {
  await env?.close();
});

type Mode = 'legacy' | { pin: '2026-07-28' };
type Answer = { action: 'accept'; content: { confirm: boolean } } | { action: 'decline' };

/** The official v2 client; with `answer`, it declares form elicitation and answers every question so. */
async function connect(mode: Mode, answer?: Answer) {
  const client = new Client(
    { name: 'deployer-tools-test', version: '1.0.0' },
    { versionNegotiation: { mode }, capabilities: answer === undefined ? {} : { elicitation: { form: {} } } },
  );
  const asked: string[] = [];
  if (answer !== undefined) {
    client.setRequestHandler('elicitation/create', (req) => {
      asked.push(req.params.message);
      return answer;
    });
  }
  await client.connect(
    new StreamableHTTPClientTransport(new URL(env.gateway.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${admin}` } },
    }),
  );
  return { client, asked };
}

/** Runs `fn` and returns the audit rows it added. */
async function audited(fn: () => Promise<void>) {
  const before = (await auditRows(env.pg.pool)).length;
  await fn();
  return (await auditRows(env.pg.pool)).slice(before);
}

const textOf = (r: { content?: unknown }) => (r.content as { text: string }[])[0]?.text ?? '';
const removes = () => env.deployer.requests(DeployerRpc.stackRemove.subject) as { name: string }[];

describe('deployer tools over MCP', () => {
  it('publishes deploy_stack and scale_service with the fixed field names', async () => {
    const { client } = await connect('legacy');
    try {
      const { tools } = await client.listTools();
      const byName = new Map(tools.map((t) => [t.name, t]));
      const props = (schema: unknown) => Object.keys((schema as { properties: object }).properties).sort();
      const deploy = byName.get('deploy_stack');
      expect(props(deploy?.inputSchema)).toEqual(
        [
          'canary',
          'compose',
          'confirm',
          'dryRun',
          'env',
          'name',
          'strategy',
          'timeoutSeconds',
          'wait',
        ].sort(),
      );
      const deployIn = deploy?.inputSchema as {
        properties: Record<string, { enum?: string[]; default?: unknown }>;
      };
      expect(deployIn.properties.strategy?.enum).toEqual(['rolling', 'blue-green', 'canary']);
      expect(deployIn.properties.wait?.default).toBe(true);
      expect(props(deploy?.outputSchema)).toEqual(
        ['deploymentId', 'error', 'plan', 'services', 'stack', 'status', 'version'].sort(),
      );
      const deployOut = deploy?.outputSchema as {
        properties: { status: { enum: string[] }; services: { items: unknown } };
        required: string[];
      };
      expect(deployOut.properties.status.enum.sort()).toEqual(
        ['failed', 'planned', 'rolled-back', 'running', 'succeeded'].sort(),
      );
      expect(props(deployOut.properties.services.items)).toEqual(['name', 'replicas']);
      expect(deployOut.required.sort()).toEqual(
        ['deploymentId', 'services', 'stack', 'status', 'version'].sort(),
      );
      const scale = byName.get('scale_service');
      expect(props(scale?.inputSchema)).toEqual(['confirm', 'replicas', 'service', 'timeoutSeconds', 'wait']);
      expect(props(scale?.outputSchema)).toEqual(['converged', 'deploymentId', 'replicas', 'service']);
      for (const name of ['deploy_stack', 'scale_service', 'update_service_image', 'rollback_service']) {
        expect(byName.get(name)?.annotations, name).toMatchObject({
          readOnlyHint: false,
          destructiveHint: true,
        });
      }
      expect(byName.get('remove_stack')?.annotations).toMatchObject({ destructiveHint: true });
      expect(byName.get('rollback_stack')?.annotations).toMatchObject({ destructiveHint: true });
      for (const name of ['plan_stack', 'list_deployments', 'get_deployment']) {
        expect(byName.get(name)?.annotations, name).toMatchObject({
          readOnlyHint: true,
          destructiveHint: false,
        });
      }
    } finally {
      await client.close();
    }
  });

  it.each(['legacy', { pin: '2026-07-28' }] as const)(
    'deploy_stack relays the progress of its own deployment only, in order, and is audited once without secrets (%j)',
    async (mode) => {
      const { client } = await connect(mode);
      const stack = `prog${Math.random().toString(36).slice(2, 8)}`;
      try {
        const seen: { progress: number; total?: number; message?: string }[] = [];
        let result: Awaited<ReturnType<typeof client.callTool>> | undefined;
        const rows = await audited(async () => {
          result = await client.callTool(
            {
              name: 'deploy_stack',
              arguments: {
                name: stack,
                compose: SECRET_COMPOSE,
                env: { TAG: 'hunter2' },
                strategy: 'blue-green',
              },
            },
            { onprogress: (p) => seen.push(p) },
          );
        });
        expect(result?.isError).toBeFalsy();
        const out = result?.structuredContent as { deploymentId: string; status: string; stack: string };
        expect(out).toMatchObject({ status: 'succeeded', stack });
        expect(seen).toEqual(
          Array.from({ length: STAND_IN_STEPS }, (_, i) => ({
            progress: i + 1,
            total: STAND_IN_STEPS,
            message: `step ${i + 1} of ${STAND_IN_STEPS}`,
          })),
        );
        const sent = env.deployer
          .requests(DeployerRpc.stackDeploy.subject)
          .filter((r) => (r as { name: string }).name === stack);
        expect(sent).toEqual([
          expect.objectContaining({
            deploymentId: out.deploymentId,
            requestedBy: adminId,
            strategy: 'blue-green',
            wait: true,
          }),
        ]);
        expect(sent[0]).not.toHaveProperty('confirm');
        expect(rows).toEqual([
          expect.objectContaining({ tool: 'deploy_stack', decision: 'allowed', outcome: 'ok' }),
        ]);
        expect(JSON.stringify(rows[0]?.arguments)).not.toContain('hunter2');
        const stored = rows[0]?.arguments as { compose: string; env: string };
        expect(stored.compose).toMatch(/^sha256:[0-9a-f]{64} \(\d+ bytes\)$/);
        expect(stored.env).toBe('[REDACTED]');
        expect(textOf(result ?? {})).toContain(`deploy ${stack} version 1: succeeded`);
      } finally {
        await client.close();
      }
    },
  );

  it('returns a dry run as a plan, and follows a deployment with list_deployments and get_deployment', async () => {
    const { client } = await connect('legacy');
    const stack = `plan${Math.random().toString(36).slice(2, 8)}`;
    try {
      const dry = await client.callTool({
        name: 'deploy_stack',
        arguments: { name: stack, compose: COMPOSE, dryRun: true },
      });
      expect(dry.structuredContent).toMatchObject({
        status: 'planned',
        plan: { stack, summary: { update: 1 } },
      });
      expect(textOf(dry)).toContain('update service');
      expect(textOf(dry)).toContain('! unsupported-key services.web.build');
      const started = await client.callTool({
        name: 'rollback_stack',
        arguments: { name: stack, version: 1, wait: false },
      });
      const { deploymentId, status } = started.structuredContent as { deploymentId: string; status: string };
      expect(status).toBe('running');
      expect(textOf(started)).toContain(`get_deployment { id: "${deploymentId}" }`);
      const listed = await client.callTool({ name: 'list_deployments', arguments: { stack } });
      expect((listed.structuredContent as { items: { id: string }[] }).items.map((d) => d.id)).toEqual([
        deploymentId,
      ]);
      const got = await client.callTool({ name: 'get_deployment', arguments: { id: deploymentId } });
      expect(got.structuredContent).toMatchObject({
        id: deploymentId,
        kind: 'rollback-stack',
        requestedBy: adminId,
      });
    } finally {
      await client.close();
    }
  });

  it('refuses remove_stack without confirm (nothing sent, audited as denied) and sends it with confirm: true', async () => {
    const { client } = await connect('legacy');
    const stack = `rm${Math.random().toString(36).slice(2, 8)}`;
    try {
      let refused: Awaited<ReturnType<typeof client.callTool>> | undefined;
      const rows = await audited(async () => {
        refused = await client.callTool({ name: 'remove_stack', arguments: { name: stack } });
      });
      expect(refused?.isError).toBe(true);
      expect(textOf(refused ?? {})).toMatch(
        /^INVALID_REQUEST: invalid field `confirm`: remove_stack is destructive/,
      );
      expect(removes().filter((r) => r.name === stack)).toEqual([]);
      expect(rows).toEqual([
        expect.objectContaining({
          tool: 'remove_stack',
          decision: 'denied',
          outcome: 'denied',
          error_code: 'INVALID_REQUEST',
        }),
      ]);
      const done = await client.callTool({ name: 'remove_stack', arguments: { name: stack, confirm: true } });
      expect(done.structuredContent).toMatchObject({ status: 'succeeded', stack });
      expect(removes().filter((r) => r.name === stack)).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('asks a 2026-07-28 client that supports elicitation, and removes only when the user accepts', async () => {
    const stack = `el${Math.random().toString(36).slice(2, 8)}`;
    const yes = await connect({ pin: '2026-07-28' }, { action: 'accept', content: { confirm: true } });
    try {
      let result: Awaited<ReturnType<typeof yes.client.callTool>> | undefined;
      const rows = await audited(async () => {
        result = await yes.client.callTool({ name: 'remove_stack', arguments: { name: stack } });
      });
      expect(result?.isError).toBeFalsy();
      expect(yes.asked).toEqual([expect.stringContaining(`Remove stack "${stack}"?`)]);
      expect(removes().filter((r) => r.name === stack)).toHaveLength(1);
      expect(rows).toEqual([
        expect.objectContaining({ tool: 'remove_stack', decision: 'allowed', outcome: 'ok' }),
      ]);
    } finally {
      await yes.client.close();
    }
    for (const answer of [
      { action: 'decline' },
      { action: 'accept', content: { confirm: false } },
    ] as const) {
      const no = await connect({ pin: '2026-07-28' }, answer);
      try {
        let result: Awaited<ReturnType<typeof no.client.callTool>> | undefined;
        const rows = await audited(async () => {
          // confirm: true from the model does not replace the user's answer.
          result = await no.client.callTool({
            name: 'remove_stack',
            arguments: { name: stack, confirm: true },
          });
        });
        expect(no.asked).toHaveLength(1);
        expect(textOf(result ?? {})).toMatch(/^FORBIDDEN: the user declined to confirm remove_stack/);
        expect(removes().filter((r) => r.name === stack)).toHaveLength(1);
        expect(rows).toEqual([expect.objectContaining({ tool: 'remove_stack', decision: 'denied' })]);
      } finally {
        await no.client.close();
      }
    }
  });

  it('asks before scaling to 0 but not before scaling up', async () => {
    const { client, asked } = await connect(
      { pin: '2026-07-28' },
      { action: 'accept', content: { confirm: true } },
    );
    try {
      const up = await client.callTool({
        name: 'scale_service',
        arguments: { service: 'shop_api', replicas: 3 },
      });
      expect(up.structuredContent).toMatchObject({
        service: 'shop_api',
        replicas: { desired: 3, running: 3 },
        converged: true,
      });
      expect(asked).toEqual([]);
      const zero = await client.callTool({
        name: 'scale_service',
        arguments: { service: 'shop_api', replicas: 0 },
      });
      expect(zero.isError).toBeFalsy();
      expect(asked).toEqual([expect.stringContaining('Scale service "shop_api" to 0 replicas?')]);
    } finally {
      await client.close();
    }
  });

  it('needs confirm: true from a 2025-era HTTP client even when it declares elicitation (stateless: it cannot be asked)', async () => {
    const { client, asked } = await connect('legacy', { action: 'accept', content: { confirm: true } });
    try {
      const result = await client.callTool({
        name: 'scale_service',
        arguments: { service: 'shop_api', replicas: 0 },
      });
      expect(textOf(result)).toMatch(/^INVALID_REQUEST: invalid field `confirm`/);
      expect(asked).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('reports image updates and service rollbacks, passing timeoutSeconds through', async () => {
    const { client } = await connect('legacy');
    try {
      const updated = await client.callTool({
        name: 'update_service_image',
        arguments: { service: 'shop_api', image: 'local/busybox:2', timeoutSeconds: 60 },
      });
      expect(updated.structuredContent).toMatchObject({ status: 'succeeded', image: 'local/busybox:2' });
      expect(env.deployer.requests(DeployerRpc.serviceUpdate.subject).at(-1)).toMatchObject({
        service: 'shop_api',
        timeoutSeconds: 60,
        wait: true,
      });
      const back = await client.callTool({ name: 'rollback_service', arguments: { service: 'shop_api' } });
      expect(textOf(back)).toMatch(/^rollback shop_api: succeeded/);
    } finally {
      await client.close();
    }
  });
});
