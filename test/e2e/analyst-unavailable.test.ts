import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { MetricsRpc } from '@swarmops/contracts';
import {
  TEST_IMAGE,
  TEST_LABEL,
  createTestDocker,
  ensureTestImage,
  freePort,
  removeLabeled,
  requireDocker,
  startPrivateNats,
  uniqueName,
} from '@swarmops/testkit';
import type { PrivateNats } from '@swarmops/testkit';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quietly } from '../fixtures/deployer/quietly.js';
import { pollUntil } from '../fixtures/inventory/poll.js';
import { startAnalyst } from '../fixtures/metrics/analyst-process.js';
import type { AnalystProcess } from '../fixtures/metrics/analyst-process.js';

// The running metrics-analyst with its Prometheus unreachable: it stays ready, GET /metrics is still the
// exporter (the swarm's services), and every tool answers UNAVAILABLE naming PROMETHEUS_URL. A private NATS:
// on the shared one another analyst (with a working Prometheus) could answer in the same queue group.

const docker: Docker = createTestDocker(undefined, 60_000);
const run = uniqueName('e2e-analyst');
const service = `${run}_idle`;
let nats: PrivateNats;
let nc: NatsConnection;
let analyst: AnalystProcess;

/** Sends `body` as it is (no client-side validation) and returns the decoded reply envelope. */
async function raw(
  subject: string,
  body: unknown,
): Promise<{ ok: boolean; error?: Record<string, unknown> }> {
  const msg = await nc.request(subject, JSON.stringify(body), { timeout: 30_000 });
  return msg.json();
}

beforeAll(async () => {
  await requireDocker();
  await ensureTestImage(docker);
  const labels = { [TEST_LABEL]: run, 'com.docker.stack.namespace': run };
  await docker.createService({
    Name: service,
    Labels: labels,
    TaskTemplate: {
      ContainerSpec: { Image: TEST_IMAGE, Command: ['sleep', '3600'], Labels: labels, Init: true },
      RestartPolicy: { Condition: 'any' },
    },
    Mode: { Replicated: { Replicas: 1 } },
  } as Docker.CreateServiceOptions);
  nats = await startPrivateNats();
  nc = await connect({ servers: nats.url });
  // A port nothing listens on: Prometheus is down.
  const closed = await freePort();
  analyst = await startAnalyst({
    natsUrl: nats.url,
    prometheusUrl: `http://127.0.0.1:${closed}`,
    env: { METRICS_CACHE_MS: '500' },
  });
}, 300_000);

afterAll(async () => {
  await quietly(analyst?.stop());
  await quietly(nc?.close());
  await quietly(nats?.stop());
  await quietly(removeLabeled(docker, run, 120_000));
}, 300_000);

describe('metrics-analyst with Prometheus unreachable', () => {
  it('stays ready and serves the exporter on /metrics', async () => {
    const ready = await fetch(`http://127.0.0.1:${analyst.port}/readyz`);
    expect(ready.status).toBe(200);
    const running = new RegExp(`^swarm_service_replicas_running\\{[^}]*service="${service}"[^}]*\\} 1$`, 'm');
    const text = await pollUntil(
      `${service} running in the exporter`,
      async () => {
        const body = await analyst.metrics();
        return running.test(body) ? body : undefined;
      },
      { maxMs: 120_000, everyMs: 500 },
    );
    expect(text).toMatch(
      new RegExp(`^swarm_service_replicas_desired\\{[^}]*service="${service}"[^}]*\\} 1$`, 'm'),
    );
    expect(text).toMatch(
      new RegExp(`^swarm_service_tasks\\{[^}]*service="${service}"[^}]*state="running"`, 'm'),
    );
    expect(text).toMatch(/^swarm_node_up\{/m);
    // The service's own `service` label stays off the exporter's series.
    expect(text).not.toMatch(/^swarm_(node|exporter)_\w+\{[^}]*service="metrics-analyst"/m);
    expect(text).toMatch(/^# TYPE metrics_analysis_duration_seconds histogram$/m);
  });

  it('answers UNAVAILABLE naming PROMETHEUS_URL for analyze, query and service usage', async () => {
    const calls: [string, unknown][] = [
      [MetricsRpc.analyze.subject, { focus: 'cpu', window: '5m' }],
      [MetricsRpc.query.subject, { promql: 'up' }],
      [MetricsRpc.query.subject, { promql: 'up', start: Math.floor(Date.now() / 1000) - 300, step: 15 }],
      [MetricsRpc.serviceUsage.subject, { service }],
    ];
    for (const [subject, body] of calls) {
      const reply = await raw(subject, body);
      expect(reply.ok, subject).toBe(false);
      expect(reply.error, subject).toMatchObject({ code: 'UNAVAILABLE' });
      expect(String(reply.error?.message), subject).toContain('PROMETHEUS_URL');
    }
    const metrics = await analyst.metrics();
    expect(metrics).toMatch(
      /^metrics_analysis_duration_seconds_count\{[^}]*kind="analyze",outcome="UNAVAILABLE"[^}]*\} 1$/m,
    );
    expect(metrics).toMatch(
      /^metrics_analysis_duration_seconds_count\{[^}]*kind="query",outcome="UNAVAILABLE"[^}]*\} 2$/m,
    );
  });

  it('refuses a bad request with INVALID_REQUEST naming the field', async () => {
    const cases: [string, unknown, string][] = [
      [MetricsRpc.analyze.subject, { window: '10y' }, 'window'],
      [MetricsRpc.analyze.subject, { focus: 'disk' }, 'focus'],
      [MetricsRpc.analyze.subject, { limit: 0 }, 'limit'],
      [MetricsRpc.analyze.subject, { services: ['x'] }, 'services'],
      [MetricsRpc.query.subject, { promql: '' }, 'promql'],
      [MetricsRpc.query.subject, { promql: 'up', step: '15x' }, 'step'],
      [MetricsRpc.serviceUsage.subject, {}, 'service'],
    ];
    for (const [subject, body, field] of cases) {
      const reply = await raw(subject, body);
      expect(reply.ok, `${subject} ${JSON.stringify(body)}`).toBe(false);
      expect(reply.error, `${subject} ${JSON.stringify(body)}`).toMatchObject({ code: 'INVALID_REQUEST' });
      expect(JSON.stringify(reply.error), `${subject} ${JSON.stringify(body)}`).toContain(field);
    }
  });
});
