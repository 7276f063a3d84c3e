import { spawnSync } from 'node:child_process';
import Docker from 'dockerode';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { TEST_IMAGE, ensureTestImage, freePort, requireDocker, withDockerCleanup } from '@swarmops/testkit';
import type { DockerTestScope } from '@swarmops/testkit';
import { MetricNames } from '../domain/metric-names.js';
import { createExporter } from './index.js';
import type { Exporter, ExporterSnapshot } from './index.js';

const CACHE_MS = 60_000;

/** A dockerode client whose method calls are counted: the real engine answers, the test sees how often. */
function counting(docker: Docker): { docker: Docker; calls: () => number } {
  let calls = 0;
  const proxy = new Proxy(docker, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { docker: proxy, calls: () => calls };
}

/** An exporter on a fresh registry with a clock the test moves (a collection is reused for CACHE_MS). */
function setup(cluster: Docker, engines: { name: string; docker: Docker }[]) {
  let clock = Date.parse('2026-11-28T00:00:00Z');
  const registry = new Registry();
  const exporter = createExporter({
    cluster,
    engines,
    registry,
    cacheMs: CACHE_MS,
    statsConcurrency: 16,
    now: () => new Date(clock),
  });
  const scrape = async (): Promise<string> => registry.metrics();
  const next = async (): Promise<ExporterSnapshot> => {
    clock += CACHE_MS;
    await exporter.collect();
    return exporter.snapshot()!;
  };
  return { registry, exporter, scrape, next };
}

/** Collects (each time in a new cache window) until `done` holds, at most `timeoutMs`. */
async function collectUntil(
  next: () => Promise<ExporterSnapshot>,
  done: (s: ExporterSnapshot) => boolean,
  timeoutMs = 90_000,
): Promise<ExporterSnapshot> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const snapshot = await next();
    if (done(snapshot)) return snapshot;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(snapshot)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The value of the series `name{labels}` in the exposition text, undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const body = line.slice(name.length + 1, line.lastIndexOf('}'));
    if (Object.entries(labels).every(([k, v]) => body.includes(`${k}="${v}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

/** `promtool check metrics`: the exposition parses and follows Prometheus' naming rules. */
function promtoolCheck(text: string): string {
  const result = spawnSync('/usr/bin/promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (result.error !== undefined)
    throw new Error(`no /usr/bin/promtool: run ./swarmops test, which installs the prometheus package`, {
      cause: result.error,
    });
  return `${result.status} ${result.stdout}${result.stderr}`.trim();
}

async function createIdleService(scope: DockerTestScope, stack: string, replicas: number): Promise<string> {
  const name = `${stack}_${scope.name('idle')}`;
  const labels = { ...scope.labels, 'com.docker.stack.namespace': stack };
  await scope.docker.createService({
    Name: name,
    Labels: labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: TEST_IMAGE,
        Command: ['sleep', '100000'],
        Labels: labels,
        Init: true,
        StopGracePeriod: 1_000_000_000,
      },
      Resources: { Limits: { NanoCPUs: 250_000_000, MemoryBytes: 64 * 2 ** 20 } },
    },
    Mode: { Replicated: { Replicas: replicas } },
  });
  return name;
}

async function withExporter<T>(exporter: Exporter, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } finally {
    await exporter.stop();
  }
}

describe('exporter against the real dockerd', () => {
  it('reports a service, follows a scale, and answers a scrape within cacheMs without calling Docker', async () => {
    const docker = await requireDocker();
    await ensureTestImage(docker);
    await withDockerCleanup(docker, async (scope) => {
      const stack = scope.name('xs');
      const service = await createIdleService(scope, stack, 2);
      const cluster = counting(docker);
      const engine = counting(docker);
      const t = setup(cluster.docker, [{ name: 'local', docker: engine.docker }]);
      await withExporter(t.exporter, async () => {
        const usage = (s: ExporterSnapshot) => s.engines[0]?.usage.find((u) => u.service === service);
        const ready = await collectUntil(t.next, (s) => usage(s)?.containers === 2);
        const swarm = ready.swarm.services.find((s) => s.service === service);
        expect(swarm).toMatchObject({
          stack,
          mode: 'replicated',
          desired: 2,
          running: 2,
          cpuLimitCores: 0.25,
        });
        expect(swarm?.tasksByState.running).toBe(2);

        const text = await t.scrape();
        const id = { service, stack };
        expect(sample(text, MetricNames.serviceReplicasDesired, { ...id, mode: 'replicated' })).toBe(2);
        expect(sample(text, MetricNames.serviceReplicasRunning, id)).toBe(2);
        expect(sample(text, MetricNames.serviceTasks, { ...id, state: 'running' })).toBe(2);
        expect(sample(text, MetricNames.serviceMemoryLimitBytes, id)).toBe(64 * 2 ** 20);
        expect(sample(text, MetricNames.serviceMemoryReservationBytes, id)).toBeUndefined();
        expect(sample(text, MetricNames.serviceRestarts, id)).toBe(0);
        const node = ready.engines[0]!.engine;
        expect(node).not.toBe('local'); // labelled by the engine's hostname once info() answered
        expect(sample(text, MetricNames.serviceCpuSeconds, { ...id, node })).toBeGreaterThanOrEqual(0);
        expect(sample(text, MetricNames.serviceMemoryBytes, { ...id, node })).toBeGreaterThan(0);
        expect(sample(text, MetricNames.serviceContainers, { ...id, node })).toBe(2);
        expect(sample(text, MetricNames.engineUp, { engine: 'swarm' })).toBe(1);
        expect(sample(text, MetricNames.engineUp, { engine: node })).toBe(1);
        expect(sample(text, MetricNames.nodeUp, { node })).toBe(1);
        expect(sample(text, MetricNames.nodeFilesystemAvailBytes, { node })).toBeGreaterThan(0);
        expect(promtoolCheck(text)).toBe('0');

        // Within cacheMs: scrapes, concurrent or not, are served from the last collection.
        const before = cluster.calls() + engine.calls();
        await Promise.all([t.scrape(), t.scrape(), t.exporter.collect()]);
        expect(cluster.calls() + engine.calls()).toBe(before);

        const current = (await docker.getService(service).inspect()) as {
          Spec: object;
          Version: { Index: number };
        };
        await docker
          .getService(service)
          .update({ ...current.Spec, version: current.Version.Index, Mode: { Replicated: { Replicas: 3 } } });
        const scaled = await collectUntil(t.next, (s) => {
          const found = s.swarm.services.find((x) => x.service === service);
          return found?.running === 3;
        });
        expect(scaled.swarm.services.find((s) => s.service === service)?.desired).toBe(3);
        expect(sample(await t.scrape(), MetricNames.serviceReplicasRunning, id)).toBe(3);
      });
    });
  });

  it('marks an unreachable engine down while the swarm and the local engine still report', async () => {
    const docker = await requireDocker();
    await ensureTestImage(docker);
    await withDockerCleanup(docker, async (scope) => {
      const stack = scope.name('xu');
      const service = await createIdleService(scope, stack, 1);
      const closed = `tcp://127.0.0.1:${await freePort()}`;
      const unreachable = new Docker({
        host: '127.0.0.1',
        port: Number(closed.split(':')[2]),
        timeout: 5_000,
      });
      const t = setup(docker, [
        { name: 'local', docker },
        { name: closed, docker: unreachable },
      ]);
      await withExporter(t.exporter, async () => {
        const snapshot = await collectUntil(
          t.next,
          (s) => s.engines[0]?.usage.some((u) => u.service === service && u.containers === 1) === true,
        );
        expect(snapshot.engines[1]).toMatchObject({ engine: closed, up: false, errors: 1, usage: [] });
        expect(snapshot.engines[1]?.error).toMatch(/ECONNREFUSED/);
        const text = await t.scrape();
        expect(sample(text, MetricNames.engineUp, { engine: closed })).toBe(0);
        expect(sample(text, MetricNames.collectErrors, { engine: closed })).toBeGreaterThanOrEqual(1);
        expect(sample(text, MetricNames.engineUp, { engine: snapshot.engines[0]!.engine })).toBe(1);
        expect(sample(text, MetricNames.engineUp, { engine: 'swarm' })).toBe(1);
        expect(sample(text, MetricNames.serviceReplicasRunning, { service, stack })).toBe(1);
        expect(sample(text, MetricNames.serviceContainers, { service, stack })).toBe(1);
      });
    });
  });

  it('reports the swarm part down when the cluster engine cannot be reached, and the scrape still answers', async () => {
    const docker = await requireDocker();
    const port = await freePort();
    const t = setup(new Docker({ host: '127.0.0.1', port, timeout: 5_000 }), [{ name: 'local', docker }]);
    await withExporter(t.exporter, async () => {
      const snapshot = await t.next();
      expect(snapshot.swarm).toMatchObject({
        engine: 'swarm',
        up: false,
        errors: 1,
        nodes: [],
        services: [],
      });
      expect(snapshot.engines[0]?.up).toBe(true);
      const text = await t.scrape();
      expect(sample(text, MetricNames.engineUp, { engine: 'swarm' })).toBe(0);
      expect(sample(text, MetricNames.collectErrors, { engine: 'swarm' })).toBe(1);
      expect(text).not.toContain(`${MetricNames.nodeUp}{`);
      expect(text).not.toContain(`${MetricNames.serviceReplicasDesired}{`);
    });
  });
});
