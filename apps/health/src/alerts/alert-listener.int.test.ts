import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '@swarmops/runtime';
import { freePort } from '@swarmops/testkit';
import { createAlertListener } from './alert-listener.js';
import type { AlertListenerDeps } from './alert-listener.js';
import { CRASH, PAUSED, outcome } from './outcome-fixture.js';

/** A real HTTP server on loopback recording every request; `answer` decides the reply. */
async function webhookServer(answer: (res: ServerResponse) => void = (res) => res.writeHead(204).end()) {
  const requests: Array<{
    path: string;
    headers: IncomingMessage['headers'];
    body: Record<string, unknown>;
  }> = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      requests.push({
        path: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(text) as Record<string, unknown>,
      });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  servers.push(server);
  return { url: `http://127.0.0.1:${port}/hooks/secret-token`, requests };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function recordingLogger() {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const log = (level: string) => (fields: Record<string, unknown>, message: string) =>
    lines.push({ level, fields, message });
  return { lines, logger: { warn: log('warn'), info: log('info'), debug: log('debug') } };
}

const T0 = Date.parse('2026-11-27T19:40:00.000Z');

function listener(overrides: Partial<AlertListenerDeps> & Pick<AlertListenerDeps, 'webhooks'>) {
  const recorded: Array<[string, string]> = [];
  const clock = { now: T0 };
  const { lines, logger } = recordingLogger();
  const alerts = createAlertListener({
    format: 'auto',
    resendSeconds: 3600,
    recordAlertSent: (key, at) => {
      recorded.push([key, at.toISOString()]);
      return Promise.resolve();
    },
    logger,
    now: () => new Date(clock.now),
    ...overrides,
  });
  return { alerts, recorded, clock, lines };
}

const failedRun = () =>
  outcome({
    checkedAt: new Date(T0).toISOString(),
    failed: [CRASH],
    failing: [{ check: CRASH, since: new Date(T0).toISOString() }],
  });

describe('the alert listener against a real local webhook', () => {
  it('posts a failure once, records it, dedupes the next runs and reminds after the interval', async () => {
    const hook = await webhookServer();
    const { alerts, recorded, clock } = listener({ webhooks: [hook.url] });
    await alerts.afterRun(failedRun());
    expect(hook.requests).toHaveLength(1);
    expect(hook.requests[0]?.path).toBe('/hooks/secret-token');
    expect(hook.requests[0]?.headers['content-type']).toBe('application/json');
    expect(hook.requests[0]?.body).toMatchObject({
      source: 'swarmops-health',
      status: 'degraded',
      alerts: [{ kind: 'failed', key: 'service.crash-loop|service:fx-crash', fix: CRASH.fix }],
    });
    expect(recorded).toEqual([['service.crash-loop|service:fx-crash', '2026-11-27T19:40:00.000Z']]);

    const since = new Date(T0).toISOString();
    const still = (lastAlertAt: string | null) =>
      outcome({
        checkedAt: new Date(clock.now).toISOString(),
        failing: [{ check: CRASH, since, lastAlertAt }],
      });
    clock.now = T0 + 15_000;
    await alerts.afterRun(still(since));
    clock.now = T0 + 3_599_000;
    await alerts.afterRun(still(since));
    expect(hook.requests).toHaveLength(1);
    clock.now = T0 + 3_600_000;
    await alerts.afterRun(still(since));
    expect(hook.requests).toHaveLength(2);
    expect(hook.requests[1]?.body).toMatchObject({ alerts: [{ kind: 'still-failing' }] });

    clock.now = T0 + 3_700_000;
    await alerts.afterRun(
      outcome({ checkedAt: new Date(clock.now).toISOString(), recovered: [{ check: CRASH }] }),
    );
    expect(hook.requests).toHaveLength(3);
    expect(hook.requests[2]?.body).toMatchObject({
      status: 'healthy',
      alerts: [{ kind: 'recovered', status: 'ok' }],
    });
    expect(recorded).toHaveLength(2);
  });

  it('sends a Slack body when asked', async () => {
    const hook = await webhookServer();
    const { alerts } = listener({ webhooks: [hook.url], format: 'slack' });
    await alerts.afterRun(failedRun());
    const body = hook.requests[0]?.body as { text: string; blocks: Array<{ type: string }> };
    expect(body.text).toBe(
      'Swarmops health degraded: 1 check failing (service.crash-loop on service:fx-crash)',
    );
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
  });

  it('survives a dead, a silent and a failing webhook, still delivering to a good one', async () => {
    const good = await webhookServer();
    const silent = await webhookServer(() => undefined);
    const failing = await webhookServer((res) => res.writeHead(500).end('boom'));
    const dead = `http://127.0.0.1:${await freePort()}/hook`;
    const { alerts, recorded, lines } = listener({
      webhooks: [dead, silent.url, failing.url, good.url],
      timeoutMs: 500,
    });
    await expect(alerts.afterRun(failedRun())).resolves.toBeUndefined();
    expect(good.requests).toHaveLength(1);
    expect(silent.requests).toHaveLength(1);
    expect(failing.requests).toHaveLength(1);
    const warnings = lines.filter((l) => l.level === 'warn').map((l) => l.fields);
    expect(warnings).toHaveLength(3);
    expect(warnings.map((w) => w['error'])).toEqual([
      expect.stringMatching(/ECONNREFUSED/),
      'no answer within 500 ms',
      'HTTP 500',
    ]);
    // Webhook paths carry secrets: only the origin is logged.
    expect(JSON.stringify(lines)).not.toContain('secret-token');
    expect(recorded).toHaveLength(1);
  });

  it('records nothing and retries at the next run when no webhook took the alert', async () => {
    const dead = `http://127.0.0.1:${await freePort()}/hook`;
    const { alerts, recorded, clock } = listener({ webhooks: [dead], timeoutMs: 500 });
    await alerts.afterRun(failedRun());
    expect(recorded).toEqual([]);
    const hook = await webhookServer();
    const retry = createAlertListener({
      webhooks: [hook.url],
      format: 'generic',
      resendSeconds: 3600,
      recordAlertSent: () => Promise.resolve(),
      logger: createLogger({ service: 'health-test', level: 'silent' }),
      now: () => new Date(clock.now),
    });
    clock.now = T0 + 15_000;
    const since = new Date(T0).toISOString();
    await retry.afterRun(
      outcome({ checkedAt: new Date(clock.now).toISOString(), failing: [{ check: PAUSED, since }] }),
    );
    expect(hook.requests[0]?.body).toMatchObject({
      alerts: [{ kind: 'still-failing', key: 'service.update|service:fx-paused' }],
    });
  });

  it('does nothing without webhooks', async () => {
    const { alerts, recorded } = listener({ webhooks: [] });
    await alerts.afterRun(failedRun());
    expect(recorded).toEqual([]);
  });
});
